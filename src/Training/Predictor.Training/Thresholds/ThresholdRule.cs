using System.Globalization;

namespace Predictor.Training.Thresholds;

/// <summary>
/// The stated rule for the decision threshold: Youden's J (maximise sensitivity + specificity − 1), or the highest
/// threshold that still reaches a minimum sensitivity (when missing a resistant patient is the costly error).
/// </summary>
public sealed record ThresholdRule(double? MinimumSensitivity)
{
    public static ThresholdRule Youden { get; } = new((double?)null);

    public static ThresholdRule AtLeastSensitivity(double target) =>
        target is > 0 and <= 1 ? new ThresholdRule(target) : throw new ArgumentOutOfRangeException(nameof(target), "The target sensitivity must be in (0, 1].");

    public string Describe() => MinimumSensitivity is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"highest threshold with sensitivity >= {s:0.###}")
        : "Youden's J (max sensitivity + specificity - 1)";
}
