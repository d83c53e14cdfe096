using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tables.Tests;

public class ModelInputTests
{
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
