using Predictor.Scoring.Linear;

namespace Predictor.Scoring.Trees;

/// <summary>
/// A binary classifier made of additive regression trees: raw score = <see cref="BaseScore"/> + the optional
/// <see cref="Linear"/> margin + sum of tree outputs (log-odds), probability = sigmoid(raw score). Rows are arrays of
/// doubles in <see cref="Features"/> order: numbers as they are, categorical features as level codes, NaN for missing.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly ModelFeature[] _features;
    private readonly RegressionTree[] _trees;
    private readonly int[] _categorical;

    /// <summary>An ensemble reading <paramref name="features"/> in order; every tree must split features by their declared kind.</summary>
    /// <param name="features">The input schema, in row order.</param>
    /// <param name="trees">The additive trees, in the order they are summed.</param>
    /// <param name="baseScore">The starting log-odds.</param>
    /// <param name="linear">Per-feature straight-line terms added to the base score before the trees, or null for trees alone (a margin without terms counts as none).</param>
    public TreeEnsemble(IReadOnlyList<ModelFeature> features, IReadOnlyList<RegressionTree> trees, double baseScore, LinearMargin? linear = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trees);
        if (!double.IsFinite(baseScore)) throw new ArgumentException("The base score must be finite.", nameof(baseScore));
        _features = [.. features];
        _trees = [.. trees];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _features)
        {
            if (!names.Add(f.Name)) throw new ArgumentException($"Feature '{f.Name}' appears twice.", nameof(features));
        }
        foreach (var tree in _trees)
        {
            for (int node = 0; node < tree.NodeCount; node++)
            {
                int feature = tree.SplitFeature[node];
                if (feature < 0 || feature >= _features.Length)
                    throw new ArgumentException($"A tree splits on feature {feature}; the model has {_features.Length}.", nameof(trees));
                if (tree.IsCategorical(node) != (_features[feature].Kind == FeatureKind.Categorical))
                    throw new ArgumentException($"A tree splits feature '{_features[feature].Name}' as the wrong kind.", nameof(trees));
            }
        }
        // A margin without terms adds nothing; keeping it would only make the file claim a format it does not need.
        if (linear is { Terms.Count: 0 }) linear = null;
        if (linear is not null) CheckLinearTerms(linear);
        BaseScore = baseScore;
        Linear = linear;
        _categorical = [.. Enumerable.Range(0, _features.Length).Where(i => _features[i].Kind == FeatureKind.Categorical)];
    }

    /// <summary>The input schema, in row order.</summary>
    public IReadOnlyList<ModelFeature> Features => _features;

    /// <summary>The additive trees.</summary>
    public IReadOnlyList<RegressionTree> Trees => _trees;

    /// <summary>The starting log-odds: the training base rate's logit, or the intercept when there is a <see cref="Linear"/> margin.</summary>
    public double BaseScore { get; }

    /// <summary>The straight-line terms the trees boost from (at least one), or null when the trees start from <see cref="BaseScore"/> alone.</summary>
    public LinearMargin? Linear { get; }

    /// <summary>The score before any tree: <see cref="BaseScore"/> plus the <see cref="Linear"/> margin, summed as every scorer sums it.</summary>
    public double StartScore(ReadOnlySpan<double> row)
    {
        CheckWidth(row.Length);
        return Linear is null ? BaseScore : BaseScore + Linear.Evaluate(row);
    }

    /// <summary>
    /// Writes the start score of <c>output.Length</c> rows (feature <c>f</c> of row <c>r</c> at
    /// <c>values[r * rowStride + f * featureStride]</c>); the batch scorers add the trees on top.
    /// </summary>
    internal void StartScores(ReadOnlySpan<double> values, Span<double> output, int rowStride, int featureStride)
    {
        output.Fill(BaseScore);
        Linear?.AddTo(values, output, rowStride, featureStride);
    }

    /// <summary>Raw log-odds for one row.</summary>
    public double PredictRaw(ReadOnlySpan<double> row)
    {
        CheckWidth(row.Length);
        if (HasUnknownCategory(row))
        {
            // Unknown level codes are scored exactly like missing values, whatever a node's bitset size.
            var cleaned = row.ToArray();
            foreach (int f in _categorical)
            {
                if (!IsKnownCode(cleaned[f], _features[f].Levels.Count)) cleaned[f] = double.NaN;
            }
            row = cleaned;
        }
        double sum = StartScore(row);
        foreach (var tree in _trees) sum += tree.Evaluate(row);
        return sum;
    }

    /// <summary>Probability of the positive class for one row.</summary>
    public double Predict(ReadOnlySpan<double> row) => Sigmoid(PredictRaw(row));

    /// <summary>Raw log-odds for a batch stored row-major (<c>rows.Length = n * Features.Count</c>).</summary>
    public void PredictRaw(ReadOnlySpan<double> rows, Span<double> output)
    {
        int width = _features.Length;
        if (width == 0 ? output.Length != 0 && rows.Length != 0 : rows.Length != output.Length * width)
            throw new ArgumentException($"{rows.Length} values do not make {output.Length} rows of {width} features.", nameof(rows));
        for (int i = 0; i < output.Length; i++) output[i] = PredictRaw(rows.Slice(i * width, width));
    }

    /// <summary>Probabilities for a batch stored row-major.</summary>
    public void Predict(ReadOnlySpan<double> rows, Span<double> output)
    {
        PredictRaw(rows, output);
        for (int i = 0; i < output.Length; i++) output[i] = Sigmoid(output[i]);
    }

    /// <summary>The logistic function, written to stay finite and accurate for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    /// <summary>Replaces unknown category codes by NaN in place, so every consumer routes them like missing values.</summary>
    internal void MarkUnknownCategoriesMissing(Span<double> row)
    {
        foreach (int f in _categorical)
        {
            if (!IsKnownCode(row[f], _features[f].Levels.Count)) row[f] = double.NaN;
        }
    }

    private bool HasUnknownCategory(ReadOnlySpan<double> row)
    {
        foreach (int f in _categorical)
        {
            if (!double.IsNaN(row[f]) && !IsKnownCode(row[f], _features[f].Levels.Count)) return true;
        }
        return false;
    }

    private void CheckLinearTerms(LinearMargin linear)
    {
        foreach (var term in linear.Terms)
        {
            if (term.Feature >= _features.Length)
                throw new ArgumentException($"A linear term reads feature {term.Feature}; the model has {_features.Length}.", nameof(linear));
            var feature = _features[term.Feature];
            bool categorical = feature.Kind == FeatureKind.Categorical;
            if (term.IsCategorical != categorical)
                throw new ArgumentException($"The linear term of feature '{feature.Name}' treats it as the wrong kind.", nameof(linear));
            if (categorical && term.LevelValues.Count != feature.Levels.Count)
                throw new ArgumentException($"The linear term of feature '{feature.Name}' has {term.LevelValues.Count} level values; the feature has {feature.Levels.Count} levels.", nameof(linear));
        }
    }

    private static bool IsKnownCode(double value, int levels) => value >= 0 && value < levels && value == Math.Floor(value);

    private void CheckWidth(int width)
    {
        if (width != _features.Length)
            throw new ArgumentException($"A row has {width} values; the model expects {_features.Length}.");
    }
}
