namespace Predictor.Training.MLNet.Conversion;

/// <summary>What one slot of an ML.NET <c>Features</c> vector holds, in terms of our model's input features.</summary>
public enum SlotKind
{
    /// <summary>The numeric feature's value; a missing value arrives as <see cref="FeatureSlot.Replacement"/>, or NaN when there is none.</summary>
    Value,

    /// <summary>1 when the numeric feature is missing, else 0 (ML.NET's <c>IndicateMissingValues</c>).</summary>
    MissingIndicator,

    /// <summary>1 when the categorical feature has level <see cref="FeatureSlot.Level"/>, else 0 (one-hot; missing and unknown levels are all zeros).</summary>
    LevelIndicator,
}

/// <summary>One slot of the feature vector an ML.NET tree reads.</summary>
/// <param name="Feature">Index of our model feature the slot is made from.</param>
/// <param name="Kind">How the slot is made from it.</param>
/// <param name="Level">The level code of a <see cref="SlotKind.LevelIndicator"/> slot.</param>
/// <param name="Replacement">For a <see cref="SlotKind.Value"/> slot: what a missing value was replaced by (ML.NET's
/// <c>ReplaceMissingValues</c>), or null when NaN reaches the trees.</param>
public readonly record struct FeatureSlot(int Feature, SlotKind Kind, int Level = 0, float? Replacement = null);
