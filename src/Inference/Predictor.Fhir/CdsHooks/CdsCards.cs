using System.Globalization;
using System.Text;
using Predictor.Fhir.Mapping;
using Predictor.Scoring.Explanations;

namespace Predictor.Fhir.CdsHooks;

/// <summary>A patient's score as the card shows it.</summary>
/// <param name="TopContributions">The largest TreeSHAP contributions (log-odds), largest first.</param>
/// <param name="ExplanationUnavailable">Why the served model cannot show what drives a score (it has no TreeSHAP node
/// covers), or null when it can; the card says so instead of leaving the section out unexplained.</param>
public sealed record CdsScore(double Probability, double Threshold, string ThresholdRule, string ModelVersion, IReadOnlyList<FeatureContribution> TopContributions,
    string? ExplanationUnavailable = null)
{
    public bool AboveThreshold => Probability >= Threshold;
}

/// <summary>
/// Writes the card for one scored patient: the probability with its category at the model's threshold (indicator
/// <c>warning</c> at or above it, else <c>info</c>), the largest contributions in plain words, what was not recorded
/// or could not be used, the model version and a link to the model card.
/// </summary>
public static class CdsCards
{
    public const string SourceLabel = "HCC resistance predictor";

    public static CdsResponse Build(CdsRequest request, MappedPatient patient, CdsScore score, FhirMappingOptions mapping, string modelCardUrl, DateTimeOffset indexDate)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(mapping);
        string category = score.AboveThreshold ? "resistance likely" : "resistance less likely";
        string summary = $"Six-month resistance risk {Percent(score.Probability, 0)}: {category} (model threshold {Percent(score.Threshold, 0)})";

        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture,
            $"**Predicted probability of radiological progression or treatment failure within six months: {Percent(score.Probability, 1)}** ");
        detail.Append(CultureInfo.InvariantCulture,
            $"({(score.AboveThreshold ? "at or above" : "below")} the model's threshold of {Percent(score.Threshold, 1)}, chosen by {score.ThresholdRule}).\n\n");
        if (score.TopContributions.Count > 0)
        {
            detail.Append("What drives it most:\n\n");
            foreach (var contribution in score.TopContributions) detail.Append("- ").Append(Describe(contribution, patient, mapping)).Append('\n');
            detail.Append('\n');
        }
        else if (score.ExplanationUnavailable is not null)
        {
            detail.Append("What drives this score cannot be shown: ").Append(score.ExplanationUnavailable).Append("\n\n");
        }
        if (patient.Missing.Count > 0)
        {
            detail.Append("Not recorded (scored as missing; measuring them would refine the estimate): ")
                .Append(string.Join(", ", patient.Missing.Select(m => mapping.LabelOf(m.Feature)))).Append(".\n\n");
        }
        if (request.NotPrefetched.Count > 0)
        {
            detail.Append("The EHR did not prefetch ").Append(string.Join(", ", request.NotPrefetched))
                .Append(request.FhirServer is null
                    ? ". "
                    : "; this service makes no calls to the FHIR server, so ")
                .Append("the score uses the prefetched data only.\n\n");
        }
        detail.Append(CultureInfo.InvariantCulture, $"Index date {indexDate:yyyy-MM-dd}; for each feature the latest record on or before it is used. ");
        detail.Append(CultureInfo.InvariantCulture, $"Model version {score.ModelVersion[..Math.Min(12, score.ModelVersion.Length)]}. ");
        detail.Append("Research software on simulated cohorts; not a medical device.");

        var card = new CdsCard(Guid.NewGuid().ToString(), summary, score.AboveThreshold ? "warning" : "info",
            new CdsSource(SourceLabel) { Url = modelCardUrl })
        {
            Detail = detail.ToString(),
            Links = [new CdsLink("Model card (version, threshold, metrics)", modelCardUrl, "absolute")],
            Extension = new CdsCardExtension(score.Probability, score.Threshold, score.ModelVersion, indexDate.ToString("O", CultureInfo.InvariantCulture)),
        };
        return new CdsResponse([card]);
    }

    /// <summary>"p-AKT H-score 240: raises the risk" — the feature in words, the patient's value as recorded, the direction.</summary>
    public static string Describe(FeatureContribution contribution, MappedPatient patient, FhirMappingOptions mapping)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(mapping);
        string label = mapping.LabelOf(contribution.Feature);
        string value = patient.Values.TryGetValue(contribution.Feature, out var cell) ? Words(cell) : "not recorded";
        string direction = contribution.Contribution switch
        {
            > 0 => "raises the risk",
            < 0 => "lowers the risk",
            _ => "does not move the risk",
        };
        return $"{label} {value}: {direction}";
    }

    private static string Words(string cell) => cell switch
    {
        "true" => "yes",
        "false" => "no",
        _ when double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) => number.ToString("0.##", CultureInfo.InvariantCulture),
        _ => cell,
    };

    /// <summary>A probability as a percentage with <paramref name="decimals"/> decimals ("72.4%").</summary>
    public static string Percent(double probability, int decimals) =>
        (probability * 100).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) + "%";
}
