using Predictor.Training.Validation;

namespace Predictor.Reports.Training;

/// <summary>What the report says when the optimism bootstrap did not run: why, and the train option that runs it.</summary>
public static class BootstrapNote
{
    /// <summary>The note for a cohort of <paramref name="rows"/> trained without the bootstrap.</summary>
    public static string Off(int rows) => rows > OptimismBootstrap.DefaultMaxRows
        ? $"Optimism bootstrap: off. By default it runs only on cohorts of up to {ReportNumbers.Count(OptimismBootstrap.DefaultMaxRows)} patients (this one has {ReportNumbers.Count(rows)}), because it repeats the whole pipeline for every replicate. Turn it on with the train option --bootstrap {OptimismBootstrap.DefaultReplicates} (it then takes about {OptimismBootstrap.DefaultReplicates} times as long); until then the cross-validated figures are the best estimate here, and they are mildly optimistic."
        : $"Optimism bootstrap: off (turned off with --bootstrap 0). Turn it on with the train option --bootstrap {OptimismBootstrap.DefaultReplicates}; until then the cross-validated figures are the best estimate here, and they are mildly optimistic.";
}
