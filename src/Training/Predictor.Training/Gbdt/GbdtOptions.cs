namespace Predictor.Training.Gbdt;

/// <summary>
/// Every knob of the learner. Start from a preset (<see cref="GbdtPresets"/>) and override with <c>with</c>.
/// Names follow ML.NET FastTree where it has the concept; the XGBoost/LightGBM equivalent is noted where it differs.
/// </summary>
public sealed record GbdtOptions
{
    /// <summary>Boosting rounds (FastTree NumberOfTrees, XGBoost num_boost_round).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaf budget per tree, grown best-first (FastTree NumberOfLeaves, XGBoost max_leaves with lossguide).</summary>
    public int Leaves { get; init; } = 20;

    /// <summary>Shrinkage applied to each tree's values (XGBoost eta).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Fewest training rows a leaf may hold (FastTree MinimumExampleCountPerLeaf; XGBoost has no equivalent).</summary>
    public int MinRowsPerLeaf { get; init; } = 10;

    /// <summary>Smallest hessian sum a leaf may hold (XGBoost min_child_weight).</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>Maximum depth; 0 means only the leaf budget limits the tree (XGBoost max_depth 0 with lossguide).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Value bins per numeric feature, at most 255 (a further bin is reserved for missing values).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>L2 penalty on leaf values (XGBoost lambda).</summary>
    public double L2 { get; init; }

    /// <summary>L1 penalty on leaf values (XGBoost alpha).</summary>
    public double L1 { get; init; }

    /// <summary>Smallest gain (twice the loss reduction) worth a split (XGBoost gamma, in the same units).</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Fraction of rows each tree sees, drawn per tree with the seed (XGBoost subsample); 1 = all rows.</summary>
    public double RowSubsample { get; init; } = 1.0;

    /// <summary>Fraction of features each tree may split on (XGBoost colsample_bytree); 1 = all features.</summary>
    public double FeatureSubsample { get; init; } = 1.0;

    /// <summary>Multiplies the weight of positive rows (XGBoost scale_pos_weight).</summary>
    public double PositiveClassWeight { get; init; } = 1.0;

    /// <summary>Per feature name: +1 risk never falls as the feature rises, -1 never rises; absent = unconstrained.</summary>
    public IReadOnlyDictionary<string, int> MonotoneConstraints { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Categorical features with at most this many levels present are split one level against the rest.</summary>
    public int MaxOneHotLevels { get; init; } = 4;

    /// <summary>Added to a level's hessian when ordering levels for a many-level split (LightGBM cat_smooth).</summary>
    public double CategoricalSmoothing { get; init; } = 10;

    /// <summary>
    /// When set, boost from a penalised logistic regression with this penalty λ (sklearn C = 1/λ; ridge unless
    /// <see cref="LinearStartL1Ratio"/> puts part of it on ‖β‖₁) fitted on the training
    /// rows with the trees' weights (row weight × <see cref="PositiveClassWeight"/>; the loss is the weighted sum), kept
    /// in the model as its linear margin, instead of from the base rate; early stopping may then keep no
    /// trees. Null (the default) starts from the base rate. XGBoost and LightGBM take such a start as a fixed
    /// base_margin / init_score; here it is fitted and shipped with the model.
    /// </summary>
    public double? LinearStartPenalty { get; init; }

    /// <summary>
    /// Share of <see cref="LinearStartPenalty"/> on ‖β‖₁: 0 (the default) is ridge, 1 the lasso, between an elastic
    /// net. The lasso drops markers that carry no signal from the start altogether.
    /// </summary>
    public double LinearStartL1Ratio { get; init; }

    /// <summary>The linear start's penalty and L1 share, or null without a linear start.</summary>
    public Baselines.Regularisation? LinearStartRegularisation() =>
        LinearStartPenalty is { } penalty ? new Baselines.Regularisation(penalty, LinearStartL1Ratio) : null;

    /// <summary>Stop when the validation loss has not improved for this many rounds; 0 disables early stopping.</summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>Share of training rows held out for early stopping when no validation set is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed for every random choice (binning sample, subsampling, internal validation split).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads; the model does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Check(Trees >= (LinearStartPenalty is null ? 1 : 0), $"Trees must be at least 1, or 0 with a linear start (got {Trees}).");
        Check(LinearStartPenalty is null || (LinearStartPenalty >= 0 && double.IsFinite(LinearStartPenalty.Value)), $"The linear start penalty must be non-negative (got {LinearStartPenalty}).");
        Check(LinearStartL1Ratio is >= 0 and <= 1, $"The linear start's L1 ratio must be in [0, 1] (got {LinearStartL1Ratio}).");
        Check(Leaves >= 2, $"Leaves must be at least 2 (got {Leaves}).");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"Learning rate must be positive (got {LearningRate}).");
        Check(MinRowsPerLeaf >= 1, $"Minimum rows per leaf must be at least 1 (got {MinRowsPerLeaf}).");
        Check(MinHessianPerLeaf >= 0, $"Minimum hessian per leaf must be non-negative (got {MinHessianPerLeaf}).");
        Check(MaxDepth >= 0, $"Maximum depth must be 0 (unlimited) or positive (got {MaxDepth}).");
        Check(MaxBins is >= 2 and <= 255, $"Bins must be 2..255 (got {MaxBins}).");
        Check(L2 >= 0 && L1 >= 0 && MinSplitGain >= 0, "L1, L2 and the minimum split gain must be non-negative.");
        Check(RowSubsample is > 0 and <= 1, $"Row subsample must be in (0, 1] (got {RowSubsample}).");
        Check(FeatureSubsample is > 0 and <= 1, $"Feature subsample must be in (0, 1] (got {FeatureSubsample}).");
        Check(PositiveClassWeight > 0 && double.IsFinite(PositiveClassWeight), $"Positive class weight must be positive (got {PositiveClassWeight}).");
        Check(MaxOneHotLevels >= 1 && CategoricalSmoothing >= 0, "Categorical split settings must be positive.");
        Check(EarlyStoppingRounds >= 0, $"Early stopping rounds must be non-negative (got {EarlyStoppingRounds}).");
        Check(ValidationFraction is > 0 and < 1, $"Validation fraction must be in (0, 1) (got {ValidationFraction}).");
        Check(Threads >= 1, $"Threads must be at least 1 (got {Threads}).");
        foreach (var (name, direction) in MonotoneConstraints)
            Check(direction is -1 or 0 or 1, $"Monotone constraint for '{name}' must be -1, 0 or 1 (got {direction}).");
    }
}
