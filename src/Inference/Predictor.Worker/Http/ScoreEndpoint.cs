using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Input;
using Predictor.Scoring.Tables;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Http;

/// <summary>
/// <c>POST /v1/score</c>: validates patients against the contract on the request's thread, then hands the feature
/// rows to the <see cref="MicroBatcher"/>. Valid patients are scored even when others in the batch are not.
/// </summary>
internal sealed class ScoreEndpoint(
    ModelStore models, MicroBatcher batcher, WorkerMetrics metrics, RejectionLog rejections, TimeProvider clock, IOptions<WorkerOptions> options)
{
    private readonly WorkerOptions _options = options.Value;

    public async Task<IResult> Handle(HttpContext context)
    {
        long started = clock.GetTimestamp();
        var (result, outcome) = await Score(context).ConfigureAwait(false);
        metrics.Request(outcome, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<(IResult, string)> Score(HttpContext context)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return (Problem(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{context.Request.ContentType}' is not JSON; send the patients as application/json."), "bad-request");
        }
        if (context.Request.ContentLength > _options.Http.MaxRequestBytes) return (TooLarge(), "too-large");
        int? contributions;
        try
        {
            contributions = Contributions.Requested(context.Request.Query["contributions"].FirstOrDefault());
        }
        catch (BadRequestException ex)
        {
            return (Problem(StatusCodes.Status400BadRequest, ex.Message), "bad-request");
        }
        var model = models.Current;
        if (contributions is not null && !model.CanExplain)
        {
            return (Problem(StatusCodes.Status501NotImplemented,
                "Contributions cannot be computed: " + MissingCovers.Explain(model.Artifact.Metadata.TrainingOptions)), "unsupported");
        }
        DataTable patients;
        bool isBatch;
        var body = context.Request.BodyReader;
        try
        {
            // Buffer the whole body (Kestrel enforces MaxRequestBytes while it arrives), then parse it in place.
            var read = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            while (!read.IsCompleted)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                read = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            }
            try
            {
                (patients, isBatch) = PatientJson.Read(read.Buffer, _options.Http.MaxPatientsPerRequest);
            }
            finally
            {
                body.AdvanceTo(read.Buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel enforces MaxRequestBytes while the body arrives (chunked bodies carry no Content-Length).
            return (TooLarge(), "too-large");
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is long line && ex.BytePositionInLine is long position
                ? $" (line {line + 1}, byte {position + 1})" : "";
            return (Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON" + where + "."), "bad-request");
        }
        catch (BadRequestException ex)
        {
            return (Problem(StatusCodes.Status400BadRequest, ex.Message), "bad-request");
        }

        // PatientJson supplies every contract column (a key left out is missing), so no required column can be absent.
        var validated = CohortLoader.FromTable(patients, "request", CohortPurpose.Scoring);
        var errors = validated.Issues.Select(i => new PatientError(i.Row - 1, i.Column, i.Problem)).ToList();
        int count = validated.Table.RowCount;
        if (count == 0)
        {
            return (Results.Json(new ScoreResponse(model.Version, model.Threshold, [], errors), WorkerJsonContext.Default.ScoreResponse,
                statusCode: StatusCodes.Status422UnprocessableEntity), "invalid");
        }

        var rows = ModelInput.FromTable(validated.Table, model.Ensemble, InputPolicy.Tolerant);
        var job = new ScoreJob(model, rows, count);
        if (!batcher.TryEnqueue(job))
        {
            rejections.QueueFull();
            context.Response.Headers.RetryAfter = _options.Batching.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (Problem(StatusCodes.Status503ServiceUnavailable, "The scoring queue is full; retry after the Retry-After delay."), "rejected");
        }
        var probabilities = await job.Completion.ConfigureAwait(false);
        var ids = (TextColumn)validated.Table[CohortContract.PatientId];
        var results = new PatientScore[count];
        int width = model.Ensemble.Features.Count;
        for (int i = 0; i < count; i++)
        {
            var score = new PatientScore(validated.SourceRows[i] - 1, ids[i]!, probabilities[i], model.IsPositive(probabilities[i]));
            results[i] = contributions is int k ? Contributions.Explain(score, model, rows.AsSpan(i * width, width), k) : score;
        }
        context.Response.Headers["X-Model-Version"] = model.Version;
        var response = new ScoreResponse(model.Version, model.Threshold, results, errors)
        {
            ExpectedValue = contributions is null ? null : model.ExpectedValue,
        };
        return (Results.Json(response, WorkerJsonContext.Default.ScoreResponse),
            isBatch || errors.Count == 0 ? "scored" : "invalid");
    }

    /// <summary>JSON media types: <c>application/json</c> and <c>+json</c> suffixes, any charset. A request that
    /// names no type is read as JSON (curl and most clients name one).</summary>
    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        return string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge,
        $"The body is larger than {_options.Http.MaxRequestBytes} bytes (Worker:Http:MaxRequestBytes); split the patients over several requests.");

    private static IResult Problem(int status, string message) =>
        Results.Json(new ProblemResponse(message), WorkerJsonContext.Default.ProblemResponse, statusCode: status);
}
