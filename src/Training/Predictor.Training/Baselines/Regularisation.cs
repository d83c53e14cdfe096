using System.Globalization;

namespace Predictor.Training.Baselines;

/// <summary>
/// A penalised logistic regression's penalty: its strength λ (sklearn C = 1/λ) and the share ρ of it on ‖β‖₁
/// (0 ridge, 1 lasso, between an elastic net).
/// </summary>
public readonly record struct Regularisation(double Penalty, double L1Ratio)
{
    /// <summary>The ridge penalty λ.</summary>
    public static Regularisation Ridge(double penalty) => new(penalty, 0);

    /// <summary>"ridge", "lasso" or "elastic-net": the name clinicians and statisticians use for the fit.</summary>
    public string Kind => L1Ratio == 0 ? "ridge" : L1Ratio == 1 ? "lasso" : "elastic-net";

    /// <summary>For summaries after <see cref="Kind"/>: "penalty 31.6228", or "penalty 3.1623, L1 ratio 0.5" for an elastic net.</summary>
    public string Describe() => L1Ratio is 0 or 1
        ? string.Create(CultureInfo.InvariantCulture, $"penalty {Penalty}")
        : string.Create(CultureInfo.InvariantCulture, $"penalty {Penalty}, L1 ratio {L1Ratio}");
}
