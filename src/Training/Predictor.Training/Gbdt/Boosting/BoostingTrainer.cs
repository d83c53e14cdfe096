using Predictor.Scoring.Trees;
using Predictor.Training.Baselines;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt.Binning;
using Predictor.Training.Gbdt.Growing;
using Predictor.Training.Gbdt.Objective;
using Predictor.Training.Gbdt.Splits;
using Predictor.Training.Progress;
using Predictor.Training.Statistics;

namespace Predictor.Training.Gbdt.Boosting;

/// <summary>
/// Gradient boosting for binary log-loss: start from the log-odds of the base rate (or, with
/// <see cref="GbdtOptions.LinearStartPenalty"/>, from a penalised logistic regression fitted on the weighted training rows), then fit
/// each tree to the current gradients and hessians and add its shrunken Newton values to the scores. Deterministic: every random choice comes
/// from the seed and every sum runs in an order that does not depend on the thread count.
/// </summary>
public static class BoostingTrainer
{
    /// <summary>Progress stage name of <see cref="Train"/>: trees grown of the trees asked for.</summary>
    public const string TreesStage = "trees";

    /// <param name="train">Training rows.</param>
    /// <param name="options">Settings (see <see cref="GbdtOptions.Validate"/>).</param>
    /// <param name="validation">Rows for early stopping; without it and with early stopping on, some training rows are held out.</param>
    /// <param name="progress">
    /// Told (trees grown, trees asked for) after each tree, and (kept, kept) at the end, for long single fits; left null
    /// by the pipeline's many small fits. It is not part of the options, so it never reaches a model file's settings.
    /// </param>
    public static TrainingResult Train(TrainingSet train, GbdtOptions options, TrainingSet? validation = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        if (validation is null && options.EarlyStoppingRounds > 0)
            (train, validation) = HoldOut(train, options.ValidationFraction, options.Seed);
        if (validation is not null && validation.FeatureCount != train.FeatureCount)
            throw new ArgumentException("The validation set must have the training set's features.", nameof(validation));
        var monotone = MonotoneDirections(train, options);

        var matrix = BinnedMatrix.Fit(train, options.MaxBins, options.Seed, parallel);
        var validMatrix = validation is null ? null : BinnedMatrix.Apply(validation, matrix.Mappers, parallel);
        var weights = EffectiveWeights.For(train, options.PositiveClassWeight);
        var validWeights = validation is null ? null : EffectiveWeights.For(validation, options.PositiveClassWeight);
        var linear = options.LinearStartPenalty is { } penalty ? LinearStart.Fit(train, new Regularisation(penalty, options.LinearStartL1Ratio), weights) : null;
        double baseScore = linear?.Intercept ?? LogLoss.BaseScore(train.Labels, weights);

        int n = train.RowCount;
        var raw = new double[n];
        var validRaw = new double[validation?.RowCount ?? 0];
        if (linear is null)
        {
            Array.Fill(raw, baseScore);
            Array.Fill(validRaw, baseScore);
        }
        else
        {
            linear.Fill(train, raw);
            if (validation is not null) linear.Fill(validation, validRaw);
        }
        var gradients = new double[n];
        var hessians = new double[n];

        var objective = new LeafObjective(options.L1, options.L2, options.MinRowsPerLeaf, options.MinHessianPerLeaf);
        var finder = new SplitFinder(matrix.Mappers, objective, monotone, options.MaxOneHotLevels, options.CategoricalSmoothing, options.MinSplitGain);
        var grower = new TreeGrower(matrix, finder, monotone, options.Leaves, options.MaxDepth, options.LearningRate, parallel);
        var rowSampler = options.RowSubsample < 1 ? new RowSampler(n, options.RowSubsample, options.Seed) : null;
        var featureSampler = new FeatureSampler(train.FeatureCount, options.FeatureSubsample, options.Seed);
        var allRows = Enumerable.Range(0, n).ToArray();
        var stopping = new EarlyStopping(options.EarlyStoppingRounds);
        var validationLoss = new List<double>();
        var trees = new List<GrownTree>();
        double? startLoss = validation is null ? null : LogLoss.Loss(validation.Labels, validWeights, validRaw);
        // A linear start is a model in its own right, so early stopping may keep it with no trees at all; a base rate
        // alone is not worth shipping, so without one the first tree is always kept.
        if (linear is not null && startLoss is { } loss0) stopping.ShouldStop(0, loss0);

        for (int t = 0; t < options.Trees; t++)
        {
            LogLoss.Gradients(train.Labels, weights, raw, gradients, hessians, parallel);
            var rows = rowSampler is null ? allRows : rowSampler.Sample(t);
            var tree = grower.Grow(gradients, hessians, rows, featureSampler.Sample(t));
            // Every training row gets the tree's value for its leaf; the rows the tree was grown on know it already.
            grower.AddToTrainingScores(tree, raw);
            if (rowSampler is not null) tree.AddToOtherRows(matrix, rows, raw);
            trees.Add(tree);
            progress?.Report(new WorkProgress(TreesStage, trees.Count, options.Trees));
            if (validation is null) continue;
            tree.AddTo(validMatrix!, validRaw, parallel);
            double loss = LogLoss.Loss(validation.Labels, validWeights, validRaw);
            validationLoss.Add(loss);
            if (stopping.ShouldStop(trees.Count, loss)) break;
        }

        int keep = validation is not null && options.EarlyStoppingRounds > 0 ? stopping.BestTreeCount : trees.Count;
        var model = new TreeEnsemble(train.Schema, [.. trees.Take(keep).Select(tree => tree.ToRegressionTree(matrix.Mappers))], baseScore, linear?.Margin);
        // Early stopping ends short of the trees asked for; the bar still ends full.
        if (trees.Count < options.Trees) progress?.Report(new WorkProgress(TreesStage, keep, keep));
        return new TrainingResult(model, validationLoss, keep) { StartLoss = startLoss };
    }

    private static int[] MonotoneDirections(TrainingSet train, GbdtOptions options)
    {
        var directions = new int[train.FeatureCount];
        foreach (var (name, direction) in options.MonotoneConstraints)
        {
            int index = -1;
            for (int f = 0; f < train.FeatureCount; f++)
            {
                if (string.Equals(train.Features[f].Name, name, StringComparison.Ordinal)) index = f;
            }
            if (index < 0) throw new ArgumentException($"Monotone constraint names feature '{name}', which is not a training feature.");
            if (direction != 0 && train.Features[index].Kind == FeatureKind.Categorical)
                throw new ArgumentException($"Feature '{name}' is categorical; monotone constraints need an ordered feature.");
            directions[index] = direction;
        }
        return directions;
    }

    /// <summary>A seeded random split of the training rows into fitting and early-stopping rows.</summary>
    private static (TrainingSet Train, TrainingSet Validation) HoldOut(TrainingSet data, double fraction, ulong seed)
    {
        var random = new SplitMix64(SplitMix64.Derive(seed, 0x7E57UL));
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int held = Math.Max(1, (int)(data.RowCount * fraction));
        if (held >= data.RowCount) throw new ArgumentException("Too few rows to hold some out for early stopping.");
        var validationRows = order.AsSpan(0, held).ToArray();
        var trainRows = order.AsSpan(held).ToArray();
        Array.Sort(validationRows);
        Array.Sort(trainRows);
        return (data.SelectRows(trainRows), data.SelectRows(validationRows));
    }
}
