namespace Predictor.Data.Simulation;

/// <summary>What cohort to simulate.</summary>
public sealed record SimulationOptions
{
    public const int MaxPatients = 10_000_000;

    /// <summary>Number of patients (default: the seed study's 92).</summary>
    public int Patients { get; init; } = StudyFigures.Patients;

    public ulong Seed { get; init; } = 42;

    /// <summary>Share of patients treated with sorafenib or lenvatinib (default 38/92 as in the study; 1.0 for benchmarks).</summary>
    public double TreatedFraction { get; init; } = StudyFigures.TreatedPatients / (double)StudyFigures.Patients;

    public CohortModel Model { get; init; } = CohortModel.Default;

    /// <summary>Exactly this many patients are treated: the fraction of the cohort, rounded.</summary>
    public int TreatedPatients => (int)Math.Round(Patients * TreatedFraction, MidpointRounding.AwayFromZero);

    public void Validate()
    {
        if (Patients is < 1 or > MaxPatients)
            throw new Errors.PredictorInputException($"--patients must be between 1 and {MaxPatients:N0}; got {Patients}.");
        if (!(TreatedFraction is >= 0 and <= 1))
            throw new Errors.PredictorInputException($"--treated-fraction must be between 0 and 1; got {TreatedFraction}.");
    }
}
