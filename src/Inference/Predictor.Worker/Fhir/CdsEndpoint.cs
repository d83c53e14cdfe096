using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Predictor.Fhir.CdsHooks;
using Predictor.Fhir.Mapping;
using Predictor.Worker.Diagnostics;

using Predictor.Worker.Http;

namespace Predictor.Worker.Fhir;

/// <summary>
/// <c>POST /cds-services/{id}</c>: reads the hook's context and prefetch (never calling the EHR's FHIR server),
/// maps the patient as of now, scores it like <c>/v1/score</c> and answers one card. order-select answers no card
/// unless a selected order is sorafenib or lenvatinib, and then scores the patient under that drug.
/// </summary>
internal sealed class CdsEndpoint(PatientMapper mapper, FhirScoring scoring, WorkerMetrics metrics, RejectionLog rejections, TimeProvider clock, IOptions<FhirOptions> options)
{
    public async Task<IResult> Handle(string id, HttpContext context)
    {
        long started = clock.GetTimestamp();
        var (result, outcome) = await Answer(id, context).ConfigureAwait(false);
        metrics.Request(outcome, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<(IResult, string)> Answer(string id, HttpContext context)
    {
        if (CdsServices.HookOf(id) is not { } hook)
        {
            return (FhirEndpoints.Error(StatusCodes.Status404NotFound,
                $"There is no CDS service '{id}'; GET /cds-services lists {CdsServices.PatientView} and {CdsServices.OrderSelect}."), "bad-request");
        }
        CdsRequest request;
        try
        {
            var body = await FhirEndpoints.ReadBody(context).ConfigureAwait(false);
            request = CdsRequest.Parse(body, id, hook, CdsServices.Prefetch(mapper.Options).Keys);
        }
        catch (BadHttpRequestException ex)
        {
            return (FhirEndpoints.Error(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is larger than the worker's request limit." : ex.Message), "bad-request");
        }
        catch (CdsRequestException ex)
        {
            return (FhirEndpoints.Error(StatusCodes.Status400BadRequest, ex.Message), "bad-request");
        }

        var indexDate = clock.GetUtcNow();
        var patient = mapper.MapOne(request.PatientId, request.Entries, indexDate);
        if (hook == "order-select")
        {
            var ordered = request.SelectedOrders
                .Select(o => (Order: o, Level: mapper.TreatmentOf(o, request.Entries)))
                .FirstOrDefault(o => o.Level is not null);
            // Another drug is being ordered: this service has nothing to say about it.
            if (ordered.Level is null || mapper.Options.Treatment is not { } treatment)
                return (Results.Json(new CdsResponse([]), CdsJsonContext.Default.CdsResponse), "scored");
            patient = PatientMapper.WithTreatment(patient, treatment.Feature, ordered.Level, "MedicationRequest/" + ordered.Order.Id);
        }

        var scored = await scoring.Score([patient], options.Value.CardContributions).ConfigureAwait(false);
        if (scored.QueueFull)
        {
            rejections.QueueFull();
            return (FhirEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "The scoring queue is full; retry shortly."), "rejected");
        }
        if (scored.Scored.Count == 0)
        {
            return (FhirEndpoints.Error(StatusCodes.Status422UnprocessableEntity, "The patient's data cannot be scored; see problems.",
                scored.Refused.Select(r => new CdsProblem(r.Feature, r.Resource ?? "Patient/" + r.PatientId, r.Problem))), "invalid");
        }
        var result = scored.Scored[0];
        var model = scored.Model;
        // The card is for a clinician: say why no drivers are shown, not which command would fix the model.
        string? unexplained = options.Value.CardContributions > 0 && !model.CanExplain
            ? "the model in service was installed without the data its explanations are computed from (ask the team that runs this service)."
            : null;
        var score = new CdsScore(result.Probability, model.Threshold, model.ThresholdRule, model.Version, result.Contributions, unexplained);
        string modelCard = string.IsNullOrWhiteSpace(options.Value.ModelCardUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}/v1/model"
            : options.Value.ModelCardUrl;
        context.Response.Headers["X-Model-Version"] = model.Version;
        context.Features.Set(new AnsweredPredictions(model.Version, [new AnsweredPrediction(0, result.Patient.PatientId, result.Probability, result.Resistant)]));
        return (Results.Json(CdsCards.Build(request, result.Patient, score, mapper.Options, modelCard, indexDate), CdsJsonContext.Default.CdsResponse), "scored");
    }
}
