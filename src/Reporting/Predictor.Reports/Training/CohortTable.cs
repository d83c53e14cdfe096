using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Reports.Training;

/// <summary>One group's summary in <see cref="CohortTable"/>: median and quartiles of a measurement, or a count.</summary>
/// <param name="Present">Patients of the group with the value recorded (the denominator of a percentage).</param>
/// <param name="Median">Median of a measurement (NaN for a count).</param>
/// <param name="Lower">25th percentile of a measurement (NaN for a count).</param>
/// <param name="Upper">75th percentile of a measurement (NaN for a count).</param>
/// <param name="Count">Patients with the level counted (0 for a measurement).</param>
public sealed record GroupSummary(int Present, double Median, double Lower, double Upper, int Count)
{
    public double Share => Present == 0 ? double.NaN : Count / (double)Present;
}

/// <summary>A row of <see cref="CohortTable"/>: a measurement (median [IQR]), or one level of a category (n (%)).</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Level">The level counted; null for a measurement, and for the heading row of a category.</param>
/// <param name="Unit">Unit read off the feature's name ("cm" for tumor_size_cm), or "".</param>
/// <param name="Groups">Resistant, not resistant, all: in <see cref="CohortTable.GroupNames"/> order (empty for a heading row).</param>
/// <param name="Missing">Patients without a value, on the feature's first row; null on the level rows under it.</param>
/// <param name="Decimals">Decimals to show a measurement with.</param>
public sealed record CohortTableRow(string Feature, string? Level, string Unit, IReadOnlyList<GroupSummary> Groups, int? Missing, int Decimals)
{
    /// <summary>Whether the row counts patients (n (%)) rather than summarising a measurement (median [IQR]).</summary>
    public bool IsCount => Level is not null || Groups.Count == 0;
}

/// <summary>
/// "Table 1" of a clinical paper: the cohort by outcome. Measurements as median [interquartile range] (quartiles as
/// R's default quantile type 7), categories and yes/no features as n (%) of the patients with the value recorded, and
/// the missing count of every feature. Numeric features holding at most <see cref="MaxCountedValues"/> distinct whole
/// values (ECOG, tumour count, ordered stages) are counted per value, as such tables show them.
/// </summary>
public static class CohortTable
{
    public const int MaxCountedValues = 5;

    public static IReadOnlyList<string> GroupNames { get; } = ["resistant", "not_resistant", "all"];

    /// <param name="data">The training set.</param>
    /// <param name="orderedLevels">Level names of ordered categories, which the training set holds as numeric codes (may be empty).</param>
    public static IReadOnlyList<CohortTableRow> Compute(TrainingSet data, IReadOnlyDictionary<string, IReadOnlyList<string>> orderedLevels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(orderedLevels);
        var groups = new[] { Rows(data, 1), Rows(data, 0), Enumerable.Range(0, data.RowCount).ToArray() };
        var table = new List<CohortTableRow>();
        foreach (var feature in data.Features)
        {
            var values = feature.Values;
            int missing = values.Count(double.IsNaN);
            string unit = Units.Of(feature.Name);
            var present = values.Where(v => !double.IsNaN(v)).Distinct().Order().ToArray();
            if (feature.Kind == FeatureKind.Categorical || orderedLevels.ContainsKey(feature.Name))
            {
                var levels = feature.Kind == FeatureKind.Categorical ? feature.Levels : orderedLevels[feature.Name];
                table.Add(new CohortTableRow(feature.Name, null, unit, [], missing, 0));
                for (int level = 0; level < levels.Count; level++)
                    table.Add(Counted(feature.Name, levels[level], unit, level));
            }
            else if (present.Length > 0 && present.All(v => v is 0 or 1))
            {
                table.Add(Counted(feature.Name, "yes", unit, 1) with { Missing = missing });
            }
            else if (present.Length is > 0 and <= MaxCountedValues && present.All(v => v == Math.Floor(v)))
            {
                table.Add(new CohortTableRow(feature.Name, null, unit, [], missing, 0));
                foreach (double v in present) table.Add(Counted(feature.Name, v.ToString(System.Globalization.CultureInfo.InvariantCulture), unit, v));
            }
            else
            {
                table.Add(new CohortTableRow(feature.Name, null, unit, [.. groups.Select(rows => Measured(values, rows))], missing, Decimals(present)));
            }

            CohortTableRow Counted(string name, string level, string u, double code) =>
                new(name, level, u, [.. groups.Select(rows => Count(values, rows, code))], null, 0);
        }
        return table;
    }

    private static int[] Rows(TrainingSet data, double label) => [.. Enumerable.Range(0, data.RowCount).Where(r => data.Labels[r] == label)];

    private static GroupSummary Measured(double[] values, int[] rows)
    {
        var present = rows.Select(r => values[r]).Where(v => !double.IsNaN(v)).Order().ToArray();
        return new GroupSummary(present.Length, Quantiles.Type7(present, 0.5), Quantiles.Type7(present, 0.25), Quantiles.Type7(present, 0.75), 0);
    }

    private static GroupSummary Count(double[] values, int[] rows, double code)
    {
        int present = 0, count = 0;
        foreach (int r in rows)
        {
            if (double.IsNaN(values[r])) continue;
            present++;
            if (values[r] == code) count++;
        }
        return new GroupSummary(present, double.NaN, double.NaN, double.NaN, count);
    }

    /// <summary>Whole numbers without decimals; otherwise about three significant digits at the typical magnitude.</summary>
    private static int Decimals(double[] present)
    {
        if (present.All(v => v == Math.Floor(v))) return 0;
        double typical = Quantiles.Type7([.. present.Select(Math.Abs).Order()], 0.5);
        return typical >= 100 ? 0 : typical >= 10 ? 1 : typical >= 1 ? 2 : 3;
    }
}
