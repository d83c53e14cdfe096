using Predictor.Reports.Training;
using Predictor.Training.DataSets;
using Predictor.Training.Pipeline;
using Predictor.Training.SampleSize;
using Predictor.Training.Tests.Support;
using Xunit;

namespace Predictor.Reports.Tests;

/// <summary>A lasso-start pipeline on a cohort with six pure-noise markers (fitted once), and a trees-only one.</summary>
public sealed class LassoFixture
{
    public LassoFixture()
    {
        var cohort = SyntheticCohort.Generate(240, 31, missingRate: 0);
        var random = new Random(5);
        FeatureColumn Noise(string name) => new(name, [.. Enumerable.Range(0, 240).Select(_ => Math.Round(random.NextDouble() * 100, 1))]);
        Data = new TrainingSet([.. cohort.Features, .. Enumerable.Range(0, 6).Select(k => Noise("noise_" + k))], cohort.Labels);
        Options = new PipelineOptions { Folds = 3, Threads = 1, Seed = 4, LinearStartL1Ratios = [1] };
        Lasso = ClinicalPipeline.Fit(Data, Options);
        Half = ClinicalPipeline.Fit(Data.SelectRows([.. Enumerable.Range(0, 120)]), Options).Model;
        TreesOnly = ClinicalPipeline.Fit(Data, Options with { LinearStart = false }).Model;
    }

    public TrainingSet Data { get; }

    public PipelineOptions Options { get; }

    public PipelineResult Lasso { get; }

    /// <summary>The same pipeline on the first half of the rows: a second, different lasso fit.</summary>
    public PipelineModel Half { get; }

    public PipelineModel TreesOnly { get; }
}

public sealed class LinearTermsTests(LassoFixture fixture) : IClassFixture<LassoFixture>
{
    [Fact]
    public void EachTermIsTheModelsOwnLogOddsPerUnitAndPerSd()
    {
        var model = fixture.Lasso.Model;
        Assert.True(model.Settings.LinearStartRegularisation() is { L1Ratio: 1 }, "the pipeline was expected to choose its lasso start on linear data");
        var terms = LinearTerms.Compute(fixture.Data, model, []);
        var ensemble = model.Ensemble;
        foreach (var row in terms.Rows.Where(r => r.Level is null))
        {
            // Independently: move the feature by one unit in the regression's own score (the linear margin) and read the change.
            int f = ensemble.Features.ToList().FindIndex(x => x.Name == row.Feature);
            var at = new double[ensemble.Features.Count];
            double before = ensemble.Linear!.Evaluate(at);
            at[f] = 1;
            Assert.Equal(ensemble.Linear.Evaluate(at) - before, row.PerUnit, 12);
            var values = FeatureSubset.Find(fixture.Data, row.Feature).Values;
            double mean = values.Average(), sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            Assert.Equal(row.PerUnit * sd, row.PerSd, 12);
            Assert.Equal(Math.Exp(row.PerUnit), row.OddsRatio, 12);
        }
        // The strong markers are kept with the simulated signs; a category's levels are read against its first level.
        Assert.True(terms.Rows.Single(r => r.Feature == "p_akt_hscore").PerUnit > 0);
        Assert.True(terms.Rows.Single(r => r.Feature == "pten_hscore").PerUnit < 0);
        Assert.Equal(["HCV vs HBV", "alcohol vs HBV", "MASLD vs HBV", "other vs HBV"], terms.Rows.Where(r => r.Feature == "etiology").Select(r => r.Level!));
        // Dropped exactly when the model has no linear term for the feature.
        var withTerm = ensemble.Linear!.Terms.Select(t => ensemble.Features[t.Feature].Name).ToHashSet();
        Assert.All(terms.Rows.Where(r => r.Level is null), r => Assert.Equal(!withTerm.Contains(r.Feature), r.Dropped));
        Assert.Null(terms.Rows[0].Interval);
        Assert.True(double.IsNaN(terms.Rows[0].KeptShare));
    }

    [Fact]
    public void BootstrapIntervalIsThePercentileIntervalOverReplicatesWithALinearStart()
    {
        // 40 replicates like the full fit, 20 like the half fit, 5 that chose trees only (left out of the interval).
        var replicates = Enumerable.Repeat(fixture.Lasso.Model, 40).Concat(Enumerable.Repeat(fixture.Half, 20)).Concat(Enumerable.Repeat(fixture.TreesOnly, 5)).ToList();
        var terms = LinearTerms.Compute(fixture.Data, fixture.Lasso.Model, replicates);
        Assert.Equal((65, 60), (terms.Replicates, terms.ReplicatesWithStart));
        var half = LinearTerms.Compute(fixture.Data, fixture.Half, []).Rows;
        foreach (var (row, other) in terms.Rows.Zip(half))
        {
            // Sorted: 20 copies of one value and 40 of the other; type-7 percentiles at 2.5% and 97.5% (h = 1.475 and
            // 57.525) both fall inside a run of equal values, so the interval spans exactly the two fits' coefficients.
            double low = Math.Min(row.PerUnit, other.PerUnit), high = Math.Max(row.PerUnit, other.PerUnit);
            Assert.Equal((low, high), row.Interval!.Value);
            double kept = ((row.PerUnit != 0 ? 40 : 0) + (other.PerUnit != 0 ? 20 : 0)) / 60.0;
            Assert.Equal(kept, row.KeptShare, 12);
        }
        // Too few replicates with a linear start: no interval.
        Assert.Null(LinearTerms.Compute(fixture.Data, fixture.Lasso.Model, replicates.Take(49).ToList()).Rows[0].Interval);
    }

    [Fact]
    public void ReportNamesTheDroppedMarkersAndSaysWhyThereIsNoInterval()
    {
        var sampleSize = SampleSizeRequirement.Compute(8, fixture.Data.Labels.Average(), CoxSnellFromCStatistic.Compute(0.75, fixture.Data.Labels.Average()));
        var html = TrainingReport.Build(new TrainingReportInput("cohort.csv", "resistant_6m", fixture.Data, fixture.Lasso, fixture.Options, sampleSize, null));
        var dropped = LinearTerms.Compute(fixture.Data, fixture.Lasso.Model, []).Rows.Where(r => r.Dropped).Select(r => r.Feature).Distinct().ToList();
        Assert.NotEmpty(dropped);
        Assert.Contains($"Dropped by the lasso (coefficient exactly 0): {string.Join(", ", dropped)}.", html, StringComparison.Ordinal);
        Assert.Contains("No confidence intervals: a Wald or profile interval is not valid", html, StringComparison.Ordinal);
        Assert.Contains("--bootstrap 200", html, StringComparison.Ordinal);
        // The same markers are listed with zero importance, for the same reason.
        foreach (var feature in dropped.Where(f => !fixture.Lasso.Model.Ensemble.Trees.Any(t => t.SplitFeature.Contains(fixture.Lasso.Model.Ensemble.Features.ToList().FindIndex(x => x.Name == f)))))
            Assert.Contains($"<td>{feature}</td><td>dropped by the lasso (coefficient exactly 0);", html, StringComparison.Ordinal);

        var trees = LinearTerms.Compute(fixture.Data, fixture.TreesOnly, []);
        Assert.Null(trees.Start);
        Assert.Empty(trees.Rows);
    }
}
