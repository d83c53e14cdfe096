using System.Text.Json;
using Predictor.Reports.Training;
using Predictor.Training.Baselines;
using Xunit;

namespace Predictor.Reports.Tests;

/// <summary>train --json's linear_terms from hand-made terms: intervals on the odds-ratio scale, per SD, drops, reasons.</summary>
public sealed class LinearTermsJsonTests
{
    private static JsonElement Json(LinearTerms terms, bool bootstrapRan) =>
        JsonDocument.Parse(JsonSerializer.Serialize(LinearTermsJson.Describe(terms, bootstrapRan, trees: 3))).RootElement;

    [Fact]
    public void Intervals_are_exponentiated_per_unit_and_per_sd_and_dropped_markers_are_listed()
    {
        var terms = new LinearTerms(new Regularisation(0.05, 1),
        [
            new LinearTermRow("afp_ng_ml", null, "ng/mL", 0.5, 2.0, (0.1, 0.9), 0.96),
            new LinearTermRow("pten_hscore", null, "", 0, 10.0, (-0.02, 0.0), 0.3),
            new LinearTermRow("bclc_stage", "C vs A", "", -0.4, double.NaN, (-0.8, -0.1), 1.0),
        ], Replicates: 200, ReplicatesWithStart: 180);
        var json = Json(terms, bootstrapRan: true);
        Assert.Equal("lasso", json.GetProperty("start").GetString());
        Assert.Equal(3, json.GetProperty("trees_on_top").GetInt32());
        Assert.Equal("bootstrap_percentile", json.GetProperty("interval_method").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("no_interval_reason").ValueKind);
        Assert.Equal(["pten_hscore"], json.GetProperty("dropped").EnumerateArray().Select(d => d.GetString()!));
        var rows = json.GetProperty("terms").EnumerateArray().ToList();
        var afp = rows[0];
        Assert.Equal(Math.Exp(0.5), afp.GetProperty("odds_ratio").GetDouble(), 12);
        Assert.Equal(Math.Exp(0.1), afp.GetProperty("odds_ratio_ci_lower").GetDouble(), 12);
        Assert.Equal(Math.Exp(0.9), afp.GetProperty("odds_ratio_ci_upper").GetDouble(), 12);
        Assert.Equal(1.0, afp.GetProperty("log_odds_per_sd").GetDouble(), 12);
        Assert.Equal(Math.Exp(1.0), afp.GetProperty("odds_ratio_per_sd").GetDouble(), 12);
        Assert.Equal(Math.Exp(0.2), afp.GetProperty("odds_ratio_per_sd_ci_lower").GetDouble(), 12);
        Assert.Equal(Math.Exp(1.8), afp.GetProperty("odds_ratio_per_sd_ci_upper").GetDouble(), 12);
        Assert.True(rows[1].GetProperty("dropped").GetBoolean());
        Assert.Equal(1.0, rows[1].GetProperty("odds_ratio").GetDouble());
        // A category level has no SD: its per-SD figures are null, not NaN.
        var stage = rows[2];
        Assert.Equal("C vs A", stage.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("sd").ValueKind);
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("odds_ratio_per_sd_ci_lower").ValueKind);
        Assert.Equal(Math.Exp(-0.1), stage.GetProperty("odds_ratio_ci_upper").GetDouble(), 12);
    }

    [Fact]
    public void Without_intervals_the_reason_is_the_reports()
    {
        var row = new LinearTermRow("afp_ng_ml", null, "ng/mL", 0.5, 2.0, null, double.NaN);
        var off = Json(new LinearTerms(Regularisation.Ridge(10), [row], 0, 0), bootstrapRan: false);
        Assert.Equal(JsonValueKind.Null, off.GetProperty("interval_method").ValueKind);
        Assert.StartsWith("a Wald or profile interval is not valid for a penalised fit", off.GetProperty("no_interval_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, off.GetProperty("terms")[0].GetProperty("kept_in_bootstrap").ValueKind);
        var few = Json(new LinearTerms(Regularisation.Ridge(10), [row], 60, 40), bootstrapRan: true);
        Assert.StartsWith("40 of 60 bootstrap replicates chose a linear start", few.GetProperty("no_interval_reason").GetString(), StringComparison.Ordinal);
        var none = Json(new LinearTerms(null, [], 60, 0), bootstrapRan: true);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("start").ValueKind);
        Assert.Contains("no linear terms", none.GetProperty("no_interval_reason").GetString(), StringComparison.Ordinal);
    }
}
