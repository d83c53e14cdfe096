namespace Predictor.Data.Contract;

/// <summary>
/// The cohort data contract as code: one row per patient treated (or not) with first-line sorafenib or lenvatinib.
/// Mirrors ../shared/DATA_CONTRACT.md; column names are exact snake_case.
/// </summary>
public static class CohortContract
{
    public const string PatientId = "patient_id";
    public const string ResistantAt6Months = "resistant_6m";
    public const string OverallSurvivalMonths = "os_months";
    public const string OverallSurvivalEvent = "os_event";

    public static IReadOnlyList<string> BclcStages { get; } = ["0", "A", "B", "C", "D"];

    public static IReadOnlyList<string> Treatments { get; } = ["sorafenib", "lenvatinib"];

    public static IReadOnlyList<ContractColumn> Columns { get; } =
    [
        new(PatientId, ContractValueType.Identifier, ContractRole.Identifier, ContractPresence.Required, "Patient identifier; never a feature"),

        Clinical("age_years", ContractValueType.Number, "Age at start of therapy, years") with { Minimum = 18, Maximum = 100 },
        Clinical("sex", ContractValueType.Category, "Sex") with { Levels = ["M", "F"] },
        Clinical("etiology", ContractValueType.Category, "Underlying liver disease") with { Levels = ["HBV", "HCV", "alcohol", "MASLD", "other"] },
        Clinical("child_pugh", ContractValueType.OrderedCategory, "Child-Pugh class") with { Levels = ["A", "B", "C"] },
        Clinical("ecog_ps", ContractValueType.Integer, "ECOG performance status") with { Minimum = 0, Maximum = 4 },
        Clinical("bclc_stage", ContractValueType.OrderedCategory, "BCLC stage") with { Levels = BclcStages },
        Clinical("tumor_size_cm", ContractValueType.Number, "Largest nodule, cm") with { Minimum = 0, MinimumExclusive = true, Maximum = 30 },
        Clinical("tumor_count", ContractValueType.Integer, "Number of nodules") with { Minimum = 1 },
        Clinical("microvascular_invasion", ContractValueType.Boolean, "Microvascular invasion"),
        Clinical("afp_ng_ml", ContractValueType.Number, "Serum alpha-fetoprotein, ng/mL") with { Minimum = 0 },
        Clinical("treatment", ContractValueType.Category, "First-line systemic therapy (empty when untreated)") with { Levels = Treatments },

        Marker("pi3k_hscore", "PI3K (p110 alpha) H-score"),
        Marker("p_akt_hscore", "Phospho-AKT Ser473 H-score"),
        Marker("p_mtor_hscore", "Phospho-mTOR Ser2448 H-score"),
        Marker("pten_hscore", "PTEN H-score; low = loss"),
        Marker("mdr1_hscore", "MDR1 / P-glycoprotein H-score"),
        Marker("bcl2_hscore", "BCL-2 H-score"),

        Mirna("mir_21", "miR-21, log2 relative expression"),
        Mirna("mir_155", "miR-155, log2 relative expression"),
        Mirna("mir_205_5p", "miR-205-5p, log2 relative expression"),
        Mirna("mir_144_3p", "miR-144-3p, log2 relative expression"),

        new(ResistantAt6Months, ContractValueType.Boolean, ContractRole.Label, ContractPresence.RequiredForTraining,
            "Radiological progression / treatment failure within six months of starting therapy"),
        new(OverallSurvivalMonths, ContractValueType.Number, ContractRole.Label, ContractPresence.RequiredForTraining,
            "Overall survival from start of therapy, months") { Minimum = 0, MinimumExclusive = true },
        new(OverallSurvivalEvent, ContractValueType.Boolean, ContractRole.Label, ContractPresence.RequiredForTraining,
            "true = death observed, false = censored at os_months"),
    ];

    private static readonly Dictionary<string, ContractColumn> ByName = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static IEnumerable<ContractColumn> Features => Columns.Where(c => c.IsFeature);

    public static IEnumerable<ContractColumn> Labels => Columns.Where(c => c.IsLabel);

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ContractColumn? column) =>
        ByName.TryGetValue(name, out column);

    public static ContractColumn Get(string name) =>
        ByName.TryGetValue(name, out var column) ? column : throw new KeyNotFoundException($"'{name}' is not a column of the cohort contract.");

    private static ContractColumn Clinical(string name, ContractValueType type, string description) =>
        new(name, type, ContractRole.ClinicalFeature, ContractPresence.Required, description);

    private static ContractColumn Marker(string name, string description) =>
        new(name, ContractValueType.Number, ContractRole.MarkerFeature, ContractPresence.Required, description) { Minimum = 0, Maximum = 300 };

    private static ContractColumn Mirna(string name, string description) =>
        new(name, ContractValueType.Number, ContractRole.MirnaFeature, ContractPresence.Optional, description);
}
