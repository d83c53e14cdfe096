namespace Predictor.Survival.KaplanMeier;

/// <summary>The pointwise confidence intervals R's <c>survfit</c> offers (its <c>conf.type</c>).</summary>
public enum ConfidenceType
{
    /// <summary>exp(log S ± z·se(log S)), upper limit capped at 1: R's default.</summary>
    Log,
    /// <summary>Intervals on log(−log S), which always stay within (0, 1).</summary>
    LogLog,
    /// <summary>S ± z·se(S), clipped to [0, 1].</summary>
    Plain,
}
