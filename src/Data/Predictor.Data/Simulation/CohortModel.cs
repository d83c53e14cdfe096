namespace Predictor.Data.Simulation;

/// <summary>
/// The parameters of the generative cohort model (documented in data/README.md). Every patient draws a few
/// independent standard-normal latent factors; the observed markers and clinical features are linear in them
/// (then scaled, rounded and clipped to the contract's ranges):
/// <list type="bullet">
/// <item>miRNA load <c>m</c>: raises miR-21, miR-155, miR-205-5p and miR-144-3p, and represses PTEN;</item>
/// <item>PTEN level <c>p = -a m + sqrt(1-a²) e</c>;</item>
/// <item>pathway activation <c>z = -b p + sqrt(1-b²) e</c> (PTEN loss activates PI3K/AKT/mTOR);</item>
/// <item>p-AKT, p-mTOR, PI3K load on <c>z</c>; MDR1 and BCL-2 load on it weakly;</item>
/// <item>tumour size, microvascular invasion, AFP and stage load on <c>z</c>;</item>
/// <item>six-month resistance (treated only): logistic in standardized p-AKT, p-mTOR, MDR1, BCL-2 and sorafenib;</item>
/// <item>overall survival: Weibull proportional hazards in high p-AKT, high p-mTOR, PTEN loss and resistance,
/// with administrative censoring.</item>
/// </list>
/// The survival coefficients are tuned (tools/Predictor.Calibration) so that each factor's own Cox hazard ratio and
/// the p-AKT median survival land on <see cref="StudyFigures"/> in large simulated cohorts.
/// </summary>
public sealed record CohortModel
{
    public static CohortModel Default { get; } = new();

    // Latent structure.
    public double MirnaRepressesPten { get; init; } = 0.55;
    public double PtenLossActivatesPathway { get; init; } = 0.5;

    // Markers: mean, sd (tumour tissue) and loading on the pathway factor z (the rest is marker-specific noise).
    public MarkerSpec PAkt { get; init; } = new(173, 39, 0.90);
    public MarkerSpec PMtor { get; init; } = new(167, 35, 0.85);
    public MarkerSpec Pi3k { get; init; } = new(158, 42, 0.60);
    public MarkerSpec Mdr1 { get; init; } = new(132, 48, 0.35);
    public MarkerSpec Bcl2 { get; init; } = new(114, 41, 0.35);
    public (double Mean, double Sd) Pten { get; init; } = (72, 30);
    public double MarkerMissingRate { get; init; } = 0.02;

    // miRNA panel: mean, sd and loading on the miRNA factor m; measured for a fraction of patients as a block.
    public MarkerSpec Mir21 { get; init; } = new(1.8, 1.4, 0.80);
    public MarkerSpec Mir155 { get; init; } = new(1.2, 1.2, 0.70);
    public MarkerSpec Mir205 { get; init; } = new(0.9, 1.1, 0.60);
    public MarkerSpec Mir144 { get; init; } = new(0.7, 1.0, 0.50);
    public double MirnaPanelRate { get; init; } = 0.5;

    // Clinical features.
    public double MaleFraction { get; init; } = 0.78;
    public double[] EtiologyProbabilities { get; init; } = [0.32, 0.30, 0.20, 0.13, 0.05]; // HBV, HCV, alcohol, MASLD, other
    public (double Mean, double Sd) AgeYears { get; init; } = (63, 10);
    public double[] ChildPughTreated { get; init; } = [0.85, 0.15, 0.0];
    public double[] ChildPughUntreated { get; init; } = [0.60, 0.32, 0.08];
    public double[] EcogTreated { get; init; } = [0.55, 0.40, 0.05, 0, 0];
    public double[] EcogUntreated { get; init; } = [0.50, 0.32, 0.11, 0.05, 0.02];
    public double MedianTumourSizeCm { get; init; } = 4.6;
    public double TumourSizeLogSd { get; init; } = 0.5;
    public double TumourSizeOnPathway { get; init; } = 0.45;
    public double TreatedTumourSizeFactor { get; init; } = 1.3;
    public double ExtraNodulesMean { get; init; } = 0.6;
    public (double Intercept, double Pathway) MicrovascularInvasionLogit { get; init; } = (-0.3, 1.1);
    public (double MeanLog10, double SdLog10, double Pathway) Afp { get; init; } = (1.9, 1.1, 0.5);
    public double AfpMissingRate { get; init; } = 0.03;
    public (double Intercept, double Pathway, double Treated) SpreadLogit { get; init; } = (-1.6, 0.9, 1.4);
    public double SorafenibFraction { get; init; } = 0.55;

    // Six-month resistance (treated only): log-odds per standard deviation of each marker, and for sorafenib.
    public double ResistancePAkt { get; init; } = 0.8;
    public double ResistancePMtor { get; init; } = 0.5;
    public double ResistanceMdr1 { get; init; } = 0.6;
    public double ResistanceBcl2 { get; init; } = 0.5;
    public double ResistanceSorafenib { get; init; } = 0.25;
    public double ResistanceRate { get; init; } = StudyFigures.ResistantFraction;

    // Overall survival: Weibull(shape, scale) with conditional log-hazard ratios. Tuned by tools/Predictor.Calibration
    // (300,000 patients, 10 iterations, averaged over the last five) to the published marginal hazard ratios and medians.
    public double WeibullShape { get; init; } = 1.50;
    public double WeibullScaleMonths { get; init; } = 47.6;
    public double LogHazardHighPAkt { get; init; } = 0.592;
    public double LogHazardHighPMtor { get; init; } = 0.331;
    public double LogHazardPtenLoss { get; init; } = 0.376;
    public double LogHazardResistance { get; init; } = 0.615;
    public (double Min, double Max) FollowUpMonths { get; init; } = (24, 72);
}

/// <summary>A marker's tumour-tissue mean and standard deviation, and its loading on its latent factor.</summary>
public sealed record MarkerSpec(double Mean, double Sd, double Loading)
{
    /// <summary>The standardized value: the factor's share plus independent noise, with unit variance.</summary>
    public double Standardized(double factor, double noise) => Loading * factor + Math.Sqrt(1 - Loading * Loading) * noise;
}
