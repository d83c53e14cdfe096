using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.Concurrency;
using Predictor.Training.DataSets;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.MLNet.Conversion;
using Predictor.Training.Pipeline;
using Predictor.Training.Progress;
using Predictor.Training.Tuning;
using Predictor.Training.Validation;

namespace Predictor.Training.MLNet.Learners;

/// <summary>
/// ML.NET's FastTree or LightGBM binary trainer as the clinical pipeline's tree learner. Each fit prepares the data as
/// <see cref="CohortDataView"/> describes, trains ML.NET's real trainer, and converts the fitted ensemble into our
/// model with <see cref="MLNetTreeConverter"/>, scaled by ML.NET's own Platt calibrator so that the logistic of our raw
/// score is ML.NET's probability (FastTree's raw score is not on the log-odds scale). The pipeline then calibrates,
/// thresholds and validates it like any other learner.
/// <para>
/// Tuning: a small grid sized to the cohort (leaves × trees; learning rate and rows per leaf by size), each candidate
/// scored by its mean held-out log-loss over the pipeline's folds. The settings are carried in <see cref="GbdtOptions"/>
/// fields with the same meaning (trees, leaves, learning rate, fewest rows per leaf, bins).
/// </para>
/// </summary>
public sealed class MLNetLearner : IEnsembleLearner
{
    private readonly MLNetTrainer _trainer;

    public MLNetLearner(MLNetTrainer trainer) => _trainer = trainer;

    /// <summary>A learner by its command-line name: "fasttree" or "lightgbm".</summary>
    public static MLNetLearner ByName(string name) => name switch
    {
        "fasttree" => new(MLNetTrainer.FastTree),
        "lightgbm" => new(MLNetTrainer.LightGbm),
        _ => throw new ArgumentException($"Unknown ML.NET learner '{name}'; expected fasttree or lightgbm."),
    };

    public string Name => _trainer == MLNetTrainer.FastTree ? "fasttree" : "lightgbm";

    public bool SupportsLinearStart => false;

    /// <summary>The candidates for a cohort of <paramref name="rows"/> rows.</summary>
    public static IReadOnlyList<GbdtOptions> Grid(int rows, GbdtOptions start)
    {
        ArgumentNullException.ThrowIfNull(start);
        // Small cohorts get few, small trees with many patients per leaf; larger ones may grow FastTree's default shape.
        var (leaves, trees, rate, minLeaf) = rows switch
        {
            < 1000 => ((int[])[2, 4], (int[])[50, 150], 0.1, Math.Max(5, rows / 20)),
            < 10000 => ([4, 20], [100, 300], 0.1, 20),
            _ => ([20, 32], [100, 300], 0.2, 40),
        };
        return [.. from l in leaves from t in trees select start with { Leaves = l, Trees = t, LearningRate = rate, MinRowsPerLeaf = minLeaf, MaxDepth = 0, MaxBins = 255 }];
    }

    public TuningResult Tune(TrainingSet data, IReadOnlyList<int[]> folds, GbdtOptions start, Regularisation? linearStart, TuningSearch search, IProgress<WorkProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(search);
        // ML.NET's trainers are tuned on the pipeline's folds over their whole grid only.
        if (search.Validation is not null || search.IsLimited)
            throw new ArgumentException($"A validation set or a time budget for tuning is implemented for our own learner only, not ML.NET's {Name}; use --learner ours.");
        var candidates = Grid(data.RowCount, start);
        var splits = folds.Select(f => (Train: data.SelectRows(StratifiedKFold.Complement(f, data.RowCount)), Test: data.SelectRows(f))).ToArray();
        var counter = new ProgressCounter(progress, "tuning", candidates.Count * splits.Length);
        var losses = IndependentFits.Run(candidates.Count * splits.Length, start.Threads, (i, threads) =>
        {
            var (c, k) = Math.DivRem(i, splits.Length);
            var model = Fit(splits[k].Train, candidates[c], threads);
            var p = EnsembleScores.Predict(model, splits[k].Test);
            counter.Done();
            return LogLoss(p, splits[k].Test.Labels);
        });
        var scores = Enumerable.Range(0, candidates.Count).Select(c =>
        {
            var fold = losses.AsSpan(c * splits.Length, splits.Length).ToArray();
            return new CandidateScore(candidates[c], candidates[c].Trees, fold.Average()) { FoldLogLoss = fold };
        }).ToList();
        return new TuningResult(scores, scores.MinBy(s => s.MeanLogLoss)!.Options) { GridSize = candidates.Count, Evaluated = candidates.Count };
    }

    public TreeEnsemble Fit(TrainingSet data, GbdtOptions settings, int threads, IProgress<WorkProgress>? progress = null) =>
        FitWithMLNet(data, settings, threads).Calibrated;

    /// <summary>Fits ML.NET's trainer and returns its fitted pipeline beside the converted ensemble.</summary>
    public MLNetFit FitWithMLNet(TrainingSet data, GbdtOptions settings, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MonotoneConstraints is { Count: > 0 } constraints && constraints.Values.Any(v => v != 0))
            throw new ArgumentException($"ML.NET's {Name} trainer has no monotone constraints; train with --learner ours to use --monotone.");
        if (settings.PositiveClassWeight != 1.0)
            throw new ArgumentException($"A positive-class weight is not passed to ML.NET's {Name} trainer; use --learner ours.");
        var ml = new MLContext(seed: unchecked((int)settings.Seed));
        var schema = data.Schema;
        var rawSlots = CohortDataView.RawSlots(schema);
        var view = CohortDataView.Load(ml, data, rawSlots);
        var preparation = CohortDataView.Preparation(ml).Fit(view);
        var prepared = preparation.Transform(view);
        var slots = CohortDataView.FeatureSlots(ml, preparation, rawSlots);
        string? weight = data.Weights is null ? null : nameof(CohortRow.Weight);
        ITransformer trained;
        RegressionTreeEnsemble ensemble;
        PlattCalibrator calibrator;
        if (_trainer == MLNetTrainer.FastTree)
        {
            var fitted = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(CohortRow.Label), FeatureColumnName = CohortDataView.Features, ExampleWeightColumnName = weight,
                NumberOfTrees = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, MaximumBinCountPerFeature = settings.MaxBins,
                NumberOfThreads = threads, Seed = unchecked((int)settings.Seed),
            }).Fit(prepared);
            (trained, ensemble, calibrator) = (fitted, fitted.Model.SubModel.TrainedTreeEnsemble, fitted.Model.Calibrator);
        }
        else
        {
            var fitted = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(CohortRow.Label), FeatureColumnName = CohortDataView.Features, ExampleWeightColumnName = weight,
                NumberOfIterations = settings.Trees, NumberOfLeaves = settings.Leaves, LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf, MaximumBinCountPerFeature = settings.MaxBins,
                NumberOfThreads = threads, Seed = unchecked((int)settings.Seed), Silent = true, Verbose = false,
            }).Fit(prepared);
            (trained, ensemble, calibrator) = (fitted, fitted.Model.SubModel.TrainedTreeEnsemble, fitted.Model.Calibrator);
        }
        return new MLNetFit(ml, preparation.Append(trained), rawSlots,
            MLNetTreeConverter.Convert(ensemble, schema, slots),
            // Our raw score = -(slope × ML.NET score + offset), so its logistic is ML.NET's calibrated probability.
            TrainingCovers.Add(MLNetTreeConverter.Convert(ensemble, schema, slots, -calibrator.Slope, -calibrator.Offset), data));
    }

    private static double LogLoss(double[] p, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            sum -= y[i] == 1 ? Math.Log(q) : Math.Log(1 - q);
        }
        return sum / p.Length;
    }
}
