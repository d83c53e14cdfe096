using System.Globalization;
using System.Text;
using Predictor.Scoring.Serialization;
using Predictor.Training.Baselines;
using Predictor.Training.Pipeline;
using Predictor.Training.Tests.Support;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Pipeline;

/// <summary>
/// The pipeline, the optimism bootstrap and repeated CV run their independent fits side by side; the thread count must
/// change only the speed. Each run is written out bit for bit (every double as its 64 bits) and compared.
/// </summary>
public sealed class ThreadCountIndependenceTests
{
    [Fact]
    public void The_pipeline_gives_the_same_model_scores_and_out_of_fold_predictions_on_1_2_and_4_threads()
    {
        var data = SyntheticCohort.Generate(110, seed: 61);
        string one = Describe(ClinicalPipeline.Fit(data, new PipelineOptions { Threads = 1, Seed = 7 }), data);
        Assert.Equal(one, Describe(ClinicalPipeline.Fit(data, new PipelineOptions { Threads = 2, Seed = 7 }), data));
        Assert.Equal(one, Describe(ClinicalPipeline.Fit(data, new PipelineOptions { Threads = 4, Seed = 7 }), data));
    }

    [Fact]
    public void The_optimism_bootstrap_gives_the_same_result_on_1_and_3_threads()
    {
        var data = SyntheticCohort.Generate(70, seed: 62);
        LearnerFit fit = (train, threads) => ClinicalPipeline.Fit(train, new PipelineOptions { Folds = 3, Seed = 3, Threads = threads }).Model.PredictProbabilities;
        var reports = new List<(int Done, int Total)>();
        var sequential = OptimismBootstrap.Run(data, fit, 4, seed: 8, threads: 1);
        var parallel = OptimismBootstrap.Run(data, fit, 4, seed: 8, threads: 3, new ListProgress(reports));
        Assert.Equal(Describe(sequential), Describe(parallel));
        // Replicates finishing out of order still count up one by one.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (i, 4)), reports);
    }

    [Fact]
    public void Repeated_cross_validation_gives_the_same_scores_on_1_and_2_threads()
    {
        var data = SyntheticCohort.Generate(90, seed: 63);
        (string, LearnerFit)[] learners =
        [
            ("pipeline", (train, threads) => ClinicalPipeline.Fit(train, new PipelineOptions { Folds = 3, Seed = 4, Threads = threads }).Model.PredictProbabilities),
            ("logistic", (train, _) => PenalisedLogisticRegression.Fit(train, 1).Predict),
        ];
        var sequential = RepeatedCrossValidation.Run(data, learners, folds: 3, repeats: 2, seed: 9, threads: 1);
        var parallel = RepeatedCrossValidation.Run(data, learners, folds: 3, repeats: 2, seed: 9, threads: 2);
        Assert.Equal(
            sequential.Select(s => (s.Learner, Bits(s.AucPerRepeat), Bits(s.BrierPerRepeat))),
            parallel.Select(s => (s.Learner, Bits(s.AucPerRepeat), Bits(s.BrierPerRepeat))));
    }

    private static string Describe(PipelineResult result, Training.DataSets.TrainingSet data)
    {
        var text = new StringBuilder(ModelJson.ToJson(result.Model.Ensemble));
        foreach (var candidate in result.Tuning.Candidates)
            text.Append(CultureInfo.InvariantCulture, $"|{candidate.BestTrees}:{Bits([candidate.MeanLogLoss])}");
        text.Append(CultureInfo.InvariantCulture, $"|{result.Tuning.Best.Trees}|{result.Calibration.Calibrator.Method}|{Bits([result.Model.Threshold])}");
        text.Append('|').Append(Bits(result.OutOfFold));
        text.Append('|').Append(Bits(result.Model.PredictProbabilities(data)));
        text.Append('|').Append(Bits(result.Model.PredictBaseline(data)));
        text.Append('|').Append(Bits([result.BaselineCrossValidated.Auc.Auc, result.BaselineCrossValidated.Brier, result.CrossValidated.Brier]));
        return text.ToString();
    }

    private static string Describe(OptimismResult result) =>
        $"{result.Replicates}/{result.Skipped}|" + string.Join('|', result.Metrics.Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Name}:{m.Replicates}:{Bits([m.Apparent, m.Optimism])}")));

    private static string Bits(IEnumerable<double> values) =>
        string.Join(',', values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("X16", CultureInfo.InvariantCulture)));

    /// <summary>Records reports synchronously (System.Progress would post them to the thread pool, out of order).</summary>
    private sealed class ListProgress(List<(int Done, int Total)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
