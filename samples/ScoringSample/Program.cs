using System.Globalization;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Input;
using Predictor.Scoring.Serialization;

// Scores one patient with a model file: ScoringSample <model.json> [name=value ...]
// Values: a number (invariant culture), true/false, empty for missing, anything else is a category name.
// Without name=value pairs it scores the example patient below.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ScoringSample <model.json> [name=value ...]");
    return 2;
}

var artifact = ModelJson.ReadArtifactFile(args[0]);
var patient = args.Length > 1 ? Parse(args.Skip(1)) : Example();
var scorer = new PatientScorer(artifact); // strict: every feature present, known categories, values in range
try
{
    var score = scorer.Score(patient, topContributions: scorer.CanExplain ? 3 : 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probability={score.Probability:R}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"positive={score.IsPositive} (threshold {score.Threshold})"));
    foreach (var c in score.TopContributions)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"contribution {c.Feature}={c.Contribution:R}"));
    if (!scorer.CanExplain) Console.WriteLine("(no explanations: the model file has no node covers)");
    return 0;
}
catch (ScoringInputException ex)
{
    Console.Error.WriteLine($"{ex.Problem}: {ex.Message}");
    return 1;
}

static Dictionary<string, object?> Parse(IEnumerable<string> pairs)
{
    var patient = new Dictionary<string, object?>(StringComparer.Ordinal);
    foreach (string pair in pairs)
    {
        int eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"Expected name=value, got '{pair}'.");
        string name = pair[..eq], text = pair[(eq + 1)..];
        patient[name] = text.Length == 0 ? null
            : bool.TryParse(text, out bool flag) ? flag
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number
            : text;
    }
    return patient;
}

static Dictionary<string, object?> Example() => new(StringComparer.Ordinal)
{
    ["age_years"] = 64, ["sex"] = "M", ["etiology"] = "HBV", ["child_pugh"] = 0, ["ecog_ps"] = 1, ["bclc_stage"] = 2,
    ["tumor_size_cm"] = 6.5, ["tumor_count"] = 2, ["microvascular_invasion"] = true, ["afp_ng_ml"] = 420.0,
    ["treatment"] = "sorafenib", ["pi3k_hscore"] = 180, ["p_akt_hscore"] = 220, ["p_mtor_hscore"] = 150,
    ["pten_hscore"] = 60, ["mdr1_hscore"] = 140, ["bcl2_hscore"] = 120,
    ["mir_21"] = null, ["mir_155"] = null, ["mir_205_5p"] = null, ["mir_144_3p"] = null,
};
