using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

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
}
