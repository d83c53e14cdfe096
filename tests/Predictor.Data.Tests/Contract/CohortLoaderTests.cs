using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Simulation;
using Predictor.Data.Tables;

namespace Predictor.Data.Tests.Contract;

public class CohortLoaderTests
{
    private static readonly string Header = string.Join(',', CohortContract.Columns.Select(c => c.Name));

    /// <summary>A valid row in contract order; tests change one field to make it bad.</summary>
    private static Dictionary<string, string> GoodRow(int id) => new()
    {
        ["patient_id"] = $"P{id}", ["age_years"] = "61", ["sex"] = "M", ["etiology"] = "HBV", ["child_pugh"] = "A",
        ["ecog_ps"] = "1", ["bclc_stage"] = "C", ["tumor_size_cm"] = "6.2", ["tumor_count"] = "2",
        ["microvascular_invasion"] = "TRUE", ["afp_ng_ml"] = "410.5", ["treatment"] = "sorafenib",
        ["pi3k_hscore"] = "150", ["p_akt_hscore"] = "190", ["p_mtor_hscore"] = "170", ["pten_hscore"] = "60",
        ["mdr1_hscore"] = "120", ["bcl2_hscore"] = "100", ["mir_21"] = "2.1", ["mir_155"] = "", ["mir_205_5p"] = "",
        ["mir_144_3p"] = "", ["resistant_6m"] = "1", ["os_months"] = "14.2", ["os_event"] = "false",
    };

    private static CohortLoadResult Load(IEnumerable<Dictionary<string, string>> rows, CohortPurpose purpose = CohortPurpose.Training, string? header = null)
    {
        var names = (header ?? Header).Split(',');
        var text = new StringBuilder((header ?? Header) + "\n");
        foreach (var row in rows) text.Append(string.Join(',', names.Select(n => row.GetValueOrDefault(n, "")))).Append('\n');
        var raw = CsvTableReader.ReadRaw(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "cohort.csv");
        return CohortLoader.FromRaw(raw, purpose);
    }

    [Fact]
    public void A_valid_file_loads_with_contract_types()
    {
        var result = Load([GoodRow(1), GoodRow(2)]);
        Assert.False(result.HasIssues);
        Assert.Equal(2, result.Table.RowCount);
        var stage = (CategoricalColumn)result.Table["bclc_stage"];
        Assert.True(stage.IsOrdered);
        Assert.Equal(["0", "A", "B", "C", "D"], stage.Levels);
        Assert.Equal("C", stage[0]);
        Assert.True(((BooleanColumn)result.Table["microvascular_invasion"])[0]);
        Assert.True(((BooleanColumn)result.Table["resistant_6m"])[0]);
        Assert.True(result.Table["mir_155"].IsMissing(0));
    }

    [Theory]
    [InlineData("age_years", "17", "out of range; expected a number >= 18 and <= 100")]
    [InlineData("age_years", "sixty", "'sixty' is not a number")]
    [InlineData("sex", "X", "unknown category 'X'; expected one of M, F")]
    [InlineData("etiology", "hbv", "unknown category 'hbv'")]
    [InlineData("bclc_stage", "E", "expected one of 0, A, B, C, D")]
    [InlineData("ecog_ps", "1.5", "not a whole number")]
    [InlineData("ecog_ps", "5", "out of range")]
    [InlineData("tumor_size_cm", "0", "expected a number > 0 and <= 30")]
    [InlineData("tumor_count", "0", "expected a whole number >= 1")]
    [InlineData("microvascular_invasion", "maybe", "not a boolean")]
    [InlineData("afp_ng_ml", "-1", "out of range")]
    [InlineData("p_akt_hscore", "301", "expected a number >= 0 and <= 300")]
    [InlineData("pten_hscore", "NaN", "not a number")]
    [InlineData("treatment", "regorafenib", "expected one of sorafenib, lenvatinib")]
    [InlineData("resistant_6m", "2", "not a boolean")]
    [InlineData("os_months", "0", "out of range")]
    public void Each_kind_of_bad_value_is_reported_with_row_and_column(string column, string value, string expected)
    {
        var bad = GoodRow(2);
        bad[column] = value;
        var result = Load([GoodRow(1), bad, GoodRow(3)]);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.Row);
        Assert.Equal(column, issue.Column);
        Assert.Equal("cohort.csv", issue.Source);
        Assert.Contains(expected, issue.Problem, StringComparison.Ordinal);
        Assert.StartsWith("cohort.csv: row 2, column " + column, issue.ToString(), StringComparison.Ordinal);
        // The bad row is left out and traced; the good rows are kept.
        Assert.Equal(2, result.Table.RowCount);
        Assert.Equal([1, 3], result.SourceRows);
        Assert.Equal([2], result.RejectedRows);
    }

    [Fact]
    public void Duplicate_patient_id_is_reported_on_the_second_row_without_echoing_the_id()
    {
        var result = Load([GoodRow(1), GoodRow(2), GoodRow(1)]);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(3, issue.Row);
        Assert.Equal("patient_id", issue.Column);
        Assert.Contains("duplicate patient_id (the same identifier is on row 1)", issue.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("P1", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_bad_cells_in_several_rows_are_all_reported()
    {
        var a = GoodRow(1);
        a["sex"] = "?";
        a["p_mtor_hscore"] = "-4";
        var b = GoodRow(2);
        b["age_years"] = "abc";
        var result = Load([a, b, GoodRow(3)]);
        Assert.Equal(3, result.Issues.Count);
        Assert.Equal([1, 2], result.RejectedRows);
        Assert.Single(result.SourceRows);
    }

    [Fact]
    public void Missing_required_columns_are_named()
    {
        var header = string.Join(',', CohortContract.Columns.Select(c => c.Name).Where(n => n is not "afp_ng_ml" and not "os_event"));
        var ex = Assert.Throws<PredictorInputException>(() => Load([GoodRow(1)], CohortPurpose.Training, header));
        Assert.Contains("missing required columns afp_ng_ml, os_event", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_files_need_no_labels_and_the_mirna_panel_is_optional()
    {
        var header = string.Join(',', CohortContract.Columns.Where(c => !c.IsLabel && c.Role != ContractRole.MirnaFeature).Select(c => c.Name));
        var result = Load([GoodRow(1)], CohortPurpose.Scoring, header);
        Assert.False(result.HasIssues);
        Assert.False(result.Table.Contains("resistant_6m"));
    }

    [Fact]
    public void Extra_columns_are_listed_as_ignored()
    {
        var row = GoodRow(1);
        row["hospital"] = "Cluj";
        var result = Load([row], CohortPurpose.Training, Header + ",hospital");
        Assert.Equal(["hospital"], result.IgnoredColumns);
        Assert.False(result.Table.Contains("hospital"));
    }

    [Fact]
    public void A_typed_table_is_validated_the_same_way()
    {
        var cohort = CohortSimulator.Generate(new SimulationOptions { Patients = 200, Seed = 3 });
        var result = CohortLoader.FromTable(cohort, "sim", CohortPurpose.Training);
        Assert.False(result.HasIssues);
        Assert.Equal(200, result.Table.RowCount);

        var ages = ((NumericColumn)cohort["age_years"]).Values.ToArray();
        ages[10] = 150;
        var broken = cohort.With(new NumericColumn("age_years", ages));
        var issue = Assert.Single(CohortLoader.FromTable(broken, "sim.parquet", CohortPurpose.Training).Issues);
        Assert.Equal((11, "age_years"), (issue.Row, issue.Column));
    }
}
