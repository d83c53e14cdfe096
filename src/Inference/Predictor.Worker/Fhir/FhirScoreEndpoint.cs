using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Predictor.Fhir.CdsHooks;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Reading;
using Predictor.Scoring.Explanations;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;
using Predictor.Worker.Http;

namespace Predictor.Worker.Fhir;

/// <summary>
/// <c>POST /v1/score/fhir</c>: a FHIR Bundle (collection or searchset) of one or many patients, scored as of
/// <c>?indexDate=</c> (default now) with the same limits and scoring path as <c>/v1/score</c>; each result carries
/// the provenance of every feature and the list of what was missing. Patients whose features cannot be read are
/// reported and left out; when none can be scored the answer is 422.
/// </summary>
internal sealed class FhirScoreEndpoint(PatientMapper mapper, FhirScoring scoring, WorkerMetrics metrics, RejectionLog rejections, TimeProvider clock, IOptions<WorkerOptions> options)
{
    public async Task<IResult> Handle(HttpContext context)
    {
        long started = clock.GetTimestamp();
        var (result, outcome) = await Score(context).ConfigureAwait(false);
        metrics.Request(outcome, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<(IResult, string)> Score(HttpContext context)
    {
        int contributions;
        DateTimeOffset indexDate;
        IReadOnlyList<MappedPatient> patients;
        try
        {
            contributions = Contributions.Requested(context.Request.Query["contributions"].FirstOrDefault()) ?? 0;
            indexDate = FhirEndpoints.IndexDate(context, clock);
            var body = await FhirEndpoints.ReadBody(context).ConfigureAwait(false);
            if (body.Length == 0) return (FhirEndpoints.Error(StatusCodes.Status400BadRequest, "The body is empty; send a FHIR Bundle (collection or searchset)."), "bad-request");
            var entries = FhirResources.ReadBundle(System.Text.Encoding.UTF8.GetString(body));
            int max = FhirEndpoints.MaxPatients(options);
            int count = entries.Count(e => e.Resource is Hl7.Fhir.Model.Patient);
            if (count > max)
                return (FhirEndpoints.Error(StatusCodes.Status400BadRequest,
                    $"The request holds more than {max} patients; at most {max} are accepted per request."), "bad-request");
            patients = mapper.MapAll(entries, indexDate);
        }
        catch (BadHttpRequestException ex)
        {
            return (FhirEndpoints.Error(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The body is larger than the limit of {options.Value.Http.MaxRequestBytes} bytes."
                : ex.Message), "bad-request");
        }
        catch (Exception ex) when (ex is BadRequestException or FhirInputException)
        {
            return (FhirEndpoints.Error(StatusCodes.Status400BadRequest, ex.Message), "bad-request");
        }

        var scored = await scoring.Score(patients, contributions).ConfigureAwait(false);
        // Checked against the model that scored (it may have been swapped since the request came in), as /v1/score does.
        if (contributions > 0 && !scored.Model.CanExplain)
        {
            return (FhirEndpoints.Error(StatusCodes.Status501NotImplemented,
                "Contributions cannot be computed: " + MissingCovers.Explain(scored.Model.Artifact.Metadata.TrainingOptions)), "unsupported");
        }
        if (scored.QueueFull)
        {
            rejections.QueueFull();
            context.Response.Headers.RetryAfter = options.Value.Batching.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return (FhirEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "The scoring queue is full; retry after the Retry-After delay."), "rejected");
        }
        var model = scored.Model;
        var errors = scored.Refused.Select(r => new FhirPatientError(r.Index, r.PatientId, r.Feature, r.Resource, r.Problem)).ToList();
        if (scored.Scored.Count == 0)
        {
            return (FhirEndpoints.Error(StatusCodes.Status422UnprocessableEntity, "No patient in the bundle could be scored; see problems.",
                errors.Select(e => new CdsProblem(e.Feature, e.Resource ?? "Patient/" + e.PatientId, e.Problem))), "invalid");
        }
        var results = scored.Scored.Select(s => new FhirPatientScore(
            s.Index, s.Patient.PatientId, s.Probability, s.Resistant,
            s.Patient.Values.ToDictionary(v => v.Key, v => Provenance(s.Patient, v.Key, v.Value), StringComparer.Ordinal),
            s.Patient.Missing)
        {
            RawScore = s.RawScore,
            Contributions = contributions > 0
                ? [.. s.Contributions.Select(c => new FhirContribution(c.Feature, s.Patient.Values.GetValueOrDefault(c.Feature), c.Contribution))]
                : null,
        }).ToList();
        context.Response.Headers["X-Model-Version"] = model.Version;
        context.Features.Set(new AnsweredPredictions(model.Version, [.. results.Select(r => new AnsweredPrediction(r.Index, r.PatientId, r.Probability, r.PredictedResistant))]));
        var response = new FhirScoreResponse(model.Version, model.Threshold, indexDate.ToString("O", CultureInfo.InvariantCulture), results, errors)
        {
            ExpectedValue = contributions > 0 ? model.ExpectedValue : null,
        };
        return (Results.Json(response, FhirJsonContext.Default.FhirScoreResponse), "scored");
    }

    private static FhirFeatureValue Provenance(MappedPatient patient, string feature, string value)
    {
        var source = patient.Sources[feature];
        return new FhirFeatureValue(value, source.Resource, source.Date, source.Detail);
    }
}
