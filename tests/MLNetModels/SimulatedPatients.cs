using Microsoft.ML.Data;
using Predictor.Data.Simulation;
using Predictor.Data.Tables;

namespace Predictor.Tests.MLNetModels;

/// <summary>One simulated patient as an ML.NET user reads the cohort: numbers (and yes/no) as Single with NaN for
/// missing, categories as text with an empty value for missing, the six-month resistance label as Boolean.</summary>
public sealed class PatientRow
{
    [ColumnName("age_years")] public float AgeYears { get; set; }

    [ColumnName("tumor_size_cm")] public float TumorSizeCm { get; set; }

    [ColumnName("afp_ng_ml")] public float AfpNgMl { get; set; }

    [ColumnName("ecog_ps")] public float EcogPs { get; set; }

    [ColumnName("microvascular_invasion")] public float MicrovascularInvasion { get; set; }

    [ColumnName("pten_hscore")] public float PtenHscore { get; set; }

    [ColumnName("p_akt_hscore")] public float PAktHscore { get; set; }

    [ColumnName("bclc_stage")] public string BclcStage { get; set; } = "";

    [ColumnName("child_pugh")] public string ChildPugh { get; set; } = "";

    [ColumnName("etiology")] public string Etiology { get; set; } = "";

    /// <summary>Not a contract column: what a model built on other data reads.</summary>
    [ColumnName("bmi")] public float Bmi { get; set; }

    [ColumnName("os_months")] public float OsMonths { get; set; }

    public bool Label { get; set; }
}

/// <summary>
/// A cohort from <see cref="CohortSimulator"/> as our table (what <c>predictor</c> reads) and as ML.NET rows (what an
/// ML.NET user trains on), the same values in both. Held-out cohorts get extra missing cells in every column used, so
/// that the conversion of missing values is exercised for each of them.
/// </summary>
public sealed class SimulatedPatients
{
    public static readonly string[] NumberColumns = ["age_years", "tumor_size_cm", "afp_ng_ml", "ecog_ps", "microvascular_invasion", "pten_hscore", "p_akt_hscore"];
    public static readonly string[] CategoryColumns = ["bclc_stage", "child_pugh", "etiology"];

    private SimulatedPatients(DataTable table, PatientRow[] rows)
    {
        Table = table;
        Rows = rows;
    }

    public DataTable Table { get; }

    public IReadOnlyList<PatientRow> Rows { get; }

    /// <param name="missing">The share of cells of each used column additionally made missing.</param>
    public static SimulatedPatients Make(int patients, ulong seed, double missing = 0)
    {
        var table = CohortSimulator.Generate(new SimulationOptions { Patients = patients, Seed = seed });
        if (missing > 0) table = KnockOut(table, missing, new Random((int)seed));
        var random = new Random((int)seed + 1);
        var rows = new PatientRow[table.RowCount];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new PatientRow
            {
                AgeYears = Number(table, "age_years", r),
                TumorSizeCm = Number(table, "tumor_size_cm", r),
                AfpNgMl = Number(table, "afp_ng_ml", r),
                EcogPs = Number(table, "ecog_ps", r),
                MicrovascularInvasion = Number(table, "microvascular_invasion", r),
                PtenHscore = Number(table, "pten_hscore", r),
                PAktHscore = Number(table, "p_akt_hscore", r),
                BclcStage = Text(table, "bclc_stage", r),
                ChildPugh = Text(table, "child_pugh", r),
                Etiology = Text(table, "etiology", r),
                Bmi = 18 + (float)random.NextDouble() * 15,
                OsMonths = Number(table, "os_months", r),
                Label = ((BooleanColumn)table["resistant_6m"])[r] == true,
            };
        }
        return new SimulatedPatients(table, rows);
    }

    private static float Number(DataTable table, string name, int row) => table[name] switch
    {
        NumericColumn n => (float)n[row],
        BooleanColumn b => b[row] is { } value ? (value ? 1f : 0f) : float.NaN,
        var other => throw new InvalidOperationException($"{name} is {other.Kind}"),
    };

    private static string Text(DataTable table, string name, int row) => ((CategoricalColumn)table[name])[row] ?? "";

    private static DataTable KnockOut(DataTable table, double share, Random random)
    {
        var used = NumberColumns.Concat(CategoryColumns).ToHashSet();
        return new DataTable(table.Columns.Select(column =>
        {
            if (!used.Contains(column.Name)) return column;
            var drop = Enumerable.Range(0, column.Length).Select(_ => random.NextDouble() < share).ToArray();
            return column switch
            {
                NumericColumn n => new NumericColumn(n.Name, [.. Enumerable.Range(0, n.Length).Select(r => drop[r] ? double.NaN : n[r])]),
                BooleanColumn b => new BooleanColumn(b.Name, [.. Enumerable.Range(0, b.Length).Select(r => drop[r] ? BooleanColumn.Missing : b.Values[r])]),
                CategoricalColumn c => new CategoricalColumn(c.Name, [.. Enumerable.Range(0, c.Length).Select(r => drop[r] ? CategoricalColumn.MissingCode : c.Codes[r])], c.Levels, c.IsOrdered),
                _ => column,
            };
        }));
    }
}
