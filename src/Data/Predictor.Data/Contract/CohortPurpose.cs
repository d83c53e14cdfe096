namespace Predictor.Data.Contract;

/// <summary>Why a cohort is loaded, which decides whether label columns must be present.</summary>
public enum CohortPurpose
{
    /// <summary>Training or evaluation: the label columns must exist (values may be missing for untreated patients).</summary>
    Training,
    /// <summary>Scoring new patients: labels are not needed and are ignored if present.</summary>
    Scoring,
}
