using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Training.Tests.Gbdt;

public class TrainingSetBuilderTests
{
    private static DataTable Table(Column label) => new(
    [
        new TextColumn("patient_id", ["p1", "p2", "p3"]),
        new NumericColumn("p_akt_hscore", [10, double.NaN, 250]),
        new BooleanColumn("microvascular_invasion", [1, 0, BooleanColumn.Missing]),
        new CategoricalColumn("etiology", [0, -1, 1], ["HBV", "HCV"]),
        new CategoricalColumn("bclc_stage", [0, 2, 4], ["0", "A", "B", "C", "D"], isOrdered: true),
        label,
    ]);

    [Fact]
    public void Columns_become_features_of_the_documented_kinds()
    {
        var set = TrainingSetBuilder.FromTable(Table(new BooleanColumn("resistant_6m", [1, 0, 1])),
            ["p_akt_hscore", "microvascular_invasion", "etiology", "bclc_stage"], "resistant_6m");
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Numeric, FeatureKind.Categorical, FeatureKind.Numeric], set.Features.Select(f => f.Kind));
        Assert.Equal([1.0, 0.0, double.NaN], set.Features[1].Values);
        Assert.Equal([0.0, double.NaN, 1.0], set.Features[2].Values);
        Assert.Equal([0.0, 2.0, 4.0], set.Features[3].Values);
        Assert.Equal([1.0, 0.0, 1.0], set.Labels);
    }

    [Fact]
    public void Bad_labels_and_features_are_reported_as_input_errors_naming_the_column()
    {
        string[] features = ["p_akt_hscore"];
        Assert.Contains("resistant_6m", Assert.Throws<PredictorInputException>(() =>
            TrainingSetBuilder.FromTable(Table(new BooleanColumn("other", [1, 0, 1])), features, "resistant_6m")).Message, StringComparison.Ordinal);
        Assert.Contains("row 2", Assert.Throws<PredictorInputException>(() =>
            TrainingSetBuilder.FromTable(Table(new BooleanColumn("resistant_6m", [1, BooleanColumn.Missing, 1])), features, "resistant_6m")).Message, StringComparison.Ordinal);
        Assert.Contains("expected 0 or 1", Assert.Throws<PredictorInputException>(() =>
            TrainingSetBuilder.FromTable(Table(new NumericColumn("resistant_6m", [1, 2, 0])), features, "resistant_6m")).Message, StringComparison.Ordinal);
        Assert.Contains("patient_id", Assert.Throws<PredictorInputException>(() =>
            TrainingSetBuilder.FromTable(Table(new BooleanColumn("resistant_6m", [1, 0, 1])), ["patient_id"], "resistant_6m")).Message, StringComparison.Ordinal);
        Assert.Contains("missing_column", Assert.Throws<PredictorInputException>(() =>
            TrainingSetBuilder.FromTable(Table(new BooleanColumn("resistant_6m", [1, 0, 1])), ["missing_column"], "resistant_6m")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoring_input_matches_levels_by_name_and_scores_unknown_levels_as_missing()
    {
        var model = new TreeEnsemble([new ModelFeature("etiology", FeatureKind.Categorical, ["HCV", "HBV"])], [], 0);
        var table = new DataTable([new CategoricalColumn("etiology", [0, 1, 2, -1], ["HBV", "HCV", "MASLD"])]);
        Assert.Equal([1.0, 0.0, double.NaN, double.NaN], ModelInput.FromTable(table, model));
    }

    [Fact]
    public void A_strict_policy_turns_schema_breaches_into_input_errors_naming_column_and_row()
    {
        var model = new TreeEnsemble([new ModelFeature("etiology", FeatureKind.Categorical, ["HCV", "HBV"])], [], 0);
        var table = new DataTable([new CategoricalColumn("etiology", [0, 1, 2, -1], ["HBV", "HCV", "MASLD"])]);
        var unknown = Assert.Throws<PredictorInputException>(() => ModelInput.FromTable(table, model, Predictor.Scoring.Input.InputPolicy.Strict));
        Assert.Contains("'etiology', row index 2", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MASLD", unknown.Message, StringComparison.Ordinal);
        var extra = new DataTable([new CategoricalColumn("etiology", [0], ["HBV"]), new NumericColumn("age_yeras", [61])]);
        Assert.Contains("age_yeras", Assert.Throws<PredictorInputException>(() =>
            ModelInput.FromTable(extra, model, Predictor.Scoring.Input.InputPolicy.Strict)).Message, StringComparison.Ordinal);
        Assert.Equal([1.0], ModelInput.FromTable(extra, model));
        Assert.Contains("etiology", Assert.Throws<PredictorInputException>(() =>
            ModelInput.FromTable(new DataTable([new NumericColumn("other", [1])]), model)).Message, StringComparison.Ordinal);
    }
}
