using Predictor.Training.Gbdt;

namespace Predictor.Reports.Training;

/// <summary>
/// How the report names each ensemble setting: in words, and by the <c>predictor train</c> option that sets it, so a
/// reader can rerun a setting from the report. Settings the CLI does not expose are named by their library property
/// (<see cref="GbdtOptions"/>). A CLI test checks every option named here against <c>train --help</c>.
/// </summary>
public static class TrainOptionNames
{
    /// <summary>GbdtOptions property → (words, train option or null).</summary>
    public static IReadOnlyDictionary<string, (string Words, string? Option)> Ensemble { get; } = new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
    {
        [nameof(GbdtOptions.Trees)] = ("boosting rounds (trees)", "--trees"),
        [nameof(GbdtOptions.Leaves)] = ("leaves per tree", "--leaves"),
        [nameof(GbdtOptions.LearningRate)] = ("learning rate (shrinkage per tree)", "--learning-rate"),
        [nameof(GbdtOptions.MinRowsPerLeaf)] = ("fewest patients per leaf", "--min-leaf"),
        [nameof(GbdtOptions.MinHessianPerLeaf)] = ("smallest hessian sum per leaf", "--min-hessian"),
        [nameof(GbdtOptions.MaxDepth)] = ("maximum depth (0 = unlimited)", "--max-depth"),
        [nameof(GbdtOptions.MaxBins)] = ("value bins per numeric feature", "--bins"),
        [nameof(GbdtOptions.L2)] = ("L2 penalty on leaf values", "--l2"),
        [nameof(GbdtOptions.L1)] = ("L1 penalty on leaf values", "--l1"),
        [nameof(GbdtOptions.RowSubsample)] = ("share of patients per tree", "--row-subsample"),
        [nameof(GbdtOptions.FeatureSubsample)] = ("share of features per tree", "--feature-subsample"),
        [nameof(GbdtOptions.PositiveClassWeight)] = ("weight of resistant patients", "--positive-weight"),
        [nameof(GbdtOptions.MonotoneConstraints)] = ("monotone constraints", "--monotone"),
        [nameof(GbdtOptions.EarlyStoppingRounds)] = ("early-stopping patience (rounds)", "--early-stopping"),
        [nameof(GbdtOptions.Seed)] = ("random seed", "--seed"),
        [nameof(GbdtOptions.MinSplitGain)] = ("smallest loss reduction for a split", null),
        [nameof(GbdtOptions.MaxOneHotLevels)] = ("categories up to which splits are one-vs-rest", null),
        [nameof(GbdtOptions.CategoricalSmoothing)] = ("smoothing of category statistics", null),
        [nameof(GbdtOptions.LinearStartPenalty)] = ("linear start penalty λ (chosen by cross-validation)", null),
        [nameof(GbdtOptions.LinearStartL1Ratio)] = ("linear start L1 share (0 ridge, 1 lasso; chosen by cross-validation)", null),
        [nameof(GbdtOptions.ValidationFraction)] = ("share held out for early stopping", null),
    };

    /// <summary>The option that sets a setting, or "(no option; GbdtOptions.X)" for library-only settings.</summary>
    public static string OptionFor(string property) =>
        Ensemble.TryGetValue(property, out var name) && name.Option is { } option ? option : $"(no option; GbdtOptions.{property})";

    /// <summary>The setting in words (the property name for one this map does not know yet).</summary>
    public static string WordsFor(string property) => Ensemble.TryGetValue(property, out var name) ? name.Words : property;
}
