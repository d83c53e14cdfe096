namespace Predictor.Data.Simulation;

/// <summary>
/// The published figures of the seed study (Popescu et al. 2025, a Romanian cohort of 92 HCC patients, 38 of them
/// treated with sorafenib or lenvatinib) that the simulator is calibrated to reproduce. Tests compare simulated
/// cohorts with these numbers; nothing here is used to generate data directly.
/// </summary>
public static class StudyFigures
{
    public const int Patients = 92;
    public const int TreatedPatients = 38;
    public const int ResistantPatients = 21;

    /// <summary>21 of 38 treated patients resistant within six months (55.3%).</summary>
    public const double ResistantFraction = ResistantPatients / (double)TreatedPatients;

    /// <summary>Tumour H-scores, mean and standard deviation.</summary>
    public static readonly (double Mean, double Sd) PAktTumour = (173, 39), PMtorTumour = (167, 35), PtenTumour = (72, 30);

    /// <summary>Adjacent non-tumour tissue H-scores (not carried by the contract, quoted for completeness).</summary>
    public static readonly (double Mean, double Sd) PAktNonTumour = (65, 25), PMtorNonTumour = (59, 23), PtenNonTumour = (188, 41);

    /// <summary>Cox hazard ratios for overall survival (each factor on its own; high = above the median).</summary>
    public const double HazardRatioHighPAkt = 2.47;
    public const double HazardRatioHighPMtor = 2.16;
    public const double HazardRatioPtenLoss = 1.82;
    public const double HazardRatioResistance = 2.59;

    /// <summary>Median overall survival, months, by p-AKT (high vs low).</summary>
    public const double MedianOsHighPAkt = 15.6;
    public const double MedianOsLowPAkt = 30.3;
}
