namespace Predictor.Scoring.Trees;

/// <summary>
/// A binary classifier made of additive regression trees: raw score = <see cref="BaseScore"/> + sum of tree outputs
/// (log-odds), probability = sigmoid(raw score). Rows are arrays of doubles in <see cref="Features"/> order:
/// numbers as they are, categorical features as level codes, NaN for missing.
/// </summary>
public sealed class TreeEnsemble
{
    private readonly ModelFeature[] _features;
    private readonly RegressionTree[] _trees;
    private readonly int[] _categorical;

    /// <summary>An ensemble reading <paramref name="features"/> in order; every tree must split features by their declared kind.</summary>
    public TreeEnsemble(IReadOnlyList<ModelFeature> features, IReadOnlyList<RegressionTree> trees, double baseScore)
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
        BaseScore = baseScore;
        _categorical = [.. Enumerable.Range(0, _features.Length).Where(i => _features[i].Kind == FeatureKind.Categorical)];
    }

    /// <summary>The input schema, in row order.</summary>
    public IReadOnlyList<ModelFeature> Features => _features;

    /// <summary>The additive trees.</summary>
    public IReadOnlyList<RegressionTree> Trees => _trees;

    /// <summary>The starting log-odds (the training base rate's logit).</summary>
    public double BaseScore { get; }

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
        double sum = BaseScore;
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

    private static bool IsKnownCode(double value, int levels) => value >= 0 && value < levels && value == Math.Floor(value);

    private void CheckWidth(int width)
    {
        if (width != _features.Length)
            throw new ArgumentException($"A row has {width} values; the model expects {_features.Length}.");
    }
}
