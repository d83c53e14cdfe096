using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Data.Errors;
using Predictor.Worker.Http;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Jobs;

namespace Predictor.Worker.Fleet.Jobs;

/// <summary>
/// <c>POST /v1/jobs</c> (a CSV or Parquet upload, or JSON <c>{"path": ...}</c> naming a file the worker can read;
/// answered once the first part is stored, state 'submitting' while the rest is, see <see cref="JobIntake"/>),
/// <c>GET /v1/jobs/{id}</c> (progress, failed chunks), <c>POST /v1/jobs/{id}/cancel</c>,
/// <c>GET /v1/jobs/{id}/results?format=csv|parquet</c> and <c>GET /v1/jobs/{id}/errors</c> (rejected rows, CSV).
/// </summary>
internal static class JobEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/jobs", Submit);
        v1.MapGet("/jobs/{id}", Status);
        v1.MapGet("/jobs/{id}/results", Results);
        v1.MapGet("/jobs/{id}/errors", Errors);
        v1.MapPost("/jobs/{id}/cancel", Cancel);
    }

    /// <summary>Without a fleet database the routes exist and say what they need, rather than a bare 404.</summary>
    public static void MapUnavailable(RouteGroupBuilder v1)
    {
        static IResult NoFleet() => Problem(StatusCodes.Status501NotImplemented,
            "Batch jobs need the fleet database: set Worker:Database:ConnectionString (see README, 'Running several workers').");
        v1.MapPost("/jobs", NoFleet);
        v1.MapGet("/jobs/{id}", NoFleet);
        v1.MapGet("/jobs/{id}/results", NoFleet);
        v1.MapGet("/jobs/{id}/errors", NoFleet);
        v1.MapPost("/jobs/{id}/cancel", NoFleet);
    }

    private static async Task<IResult> Submit(HttpContext context, JobStore jobs, JobIntake intake, IOptions<FleetOptions> options)
    {
        var jobOptions = options.Value.Jobs;
        var request = context.Request;
        string submittedBy = request.Headers["X-Submitted-By"].FirstOrDefault() is { Length: > 0 } who ? who : "http";
        string? upload = null;
        try
        {
            string path, source;
            bool parquet;
            string mediaType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            if (mediaType == "application/json")
            {
                JobPathRequest? body;
                try
                {
                    body = await JsonSerializer.DeserializeAsync(request.Body, FleetJsonContext.Default.JobPathRequest, context.RequestAborted).ConfigureAwait(false);
                }
                catch (JsonException)
                {
                    return Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON; expected {\"path\": \"/file/the/workers/can/read.csv\"}.");
                }
                if (string.IsNullOrWhiteSpace(body?.Path))
                    return Problem(StatusCodes.Status400BadRequest, "The JSON body names no 'path'.");
                path = Path.GetFullPath(body.Path);
                source = path;
                if (!File.Exists(path)) return Problem(StatusCodes.Status422UnprocessableEntity, $"{path}: no such file on this worker.");
                parquet = IsParquetName(path);
                if (!parquet && !IsCsvName(path))
                    return Problem(StatusCodes.Status422UnprocessableEntity, $"{path}: expected a .csv or .parquet file.");
            }
            else
            {
                string? format = request.Query["format"].FirstOrDefault()?.ToLowerInvariant()
                    ?? mediaType switch
                    {
                        "text/csv" => "csv",
                        "application/vnd.apache.parquet" or "application/x-parquet" => "parquet",
                        _ => null,
                    };
                if (format is not ("csv" or "parquet"))
                {
                    return Problem(StatusCodes.Status415UnsupportedMediaType,
                        "Send the cohort as text/csv or application/vnd.apache.parquet (or ?format=csv|parquet), or JSON {\"path\": ...}.");
                }
                parquet = format == "parquet";
                source = request.Query["name"].FirstOrDefault() is { Length: > 0 } name ? Path.GetFileName(name) : "upload." + format;
                var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = jobOptions.MaxUploadBytes;
                upload = Path.Combine(Path.GetTempPath(), $"predictor-job-{Guid.NewGuid():N}.{format}");
                await using (var file = new FileStream(upload, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await request.Body.CopyToAsync(file, context.RequestAborted).ConfigureAwait(false);
                }
                path = upload;
            }
            // The first part is stored (and the second read) before the answer; the rest is stored in the background
            // while workers already score, and the upload is deleted once it is no longer read.
            string? handedOver = upload;
            upload = null;
            Guid jobId;
            try
            {
                jobId = await intake.SubmitAsync(
                    JobSubmitter.Read(path, source, parquet, jobOptions.ChunkRows), source, submittedBy,
                    () => { if (handedOver is not null) File.Delete(handedOver); }, context.RequestAborted).ConfigureAwait(false);
            }
            catch (PredictorInputException ex)
            {
                return Problem(StatusCodes.Status422UnprocessableEntity, handedOver is null ? ex.Message : ex.Message.Replace(handedOver, source, StringComparison.Ordinal));
            }
            var progress = await jobs.ProgressAsync(jobId, context.RequestAborted).ConfigureAwait(false);
            return Microsoft.AspNetCore.Http.Results.Json(Describe(progress!), FleetJsonContext.Default.JobResponse, statusCode: StatusCodes.Status202Accepted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The upload is larger than Worker:Jobs:MaxUploadBytes ({jobOptions.MaxUploadBytes} bytes).");
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex))
        {
            return Unavailable(context);
        }
        finally
        {
            if (upload is not null) File.Delete(upload);
        }
    }

    private static async Task<IResult> Status(string id, HttpContext context, JobStore jobs)
    {
        if (!Guid.TryParse(id, out var jobId)) return Problem(StatusCodes.Status400BadRequest, $"'{id}' is not a job id.");
        try
        {
            var progress = await jobs.ProgressAsync(jobId, context.RequestAborted).ConfigureAwait(false);
            return progress is null
                ? Problem(StatusCodes.Status404NotFound, $"No job {jobId}.")
                : Microsoft.AspNetCore.Http.Results.Json(Describe(progress), FleetJsonContext.Default.JobResponse);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex))
        {
            return Unavailable(context);
        }
    }

    private static async Task Results(string id, HttpContext context, JobStore jobs)
    {
        var response = context.Response;
        string format = context.Request.Query["format"].FirstOrDefault()?.ToLowerInvariant() ?? "csv";
        if (!Guid.TryParse(id, out var jobId))
        {
            await Problem(StatusCodes.Status400BadRequest, $"'{id}' is not a job id.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (format is not ("csv" or "parquet"))
        {
            await Problem(StatusCodes.Status400BadRequest, $"format '{format}' is not offered; expected csv or parquet.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        try
        {
            var progress = await jobs.ProgressAsync(jobId, context.RequestAborted).ConfigureAwait(false);
            if (progress is null)
            {
                await Problem(StatusCodes.Status404NotFound, $"No job {jobId}.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            if (!progress.IsFinished)
            {
                await Problem(StatusCodes.Status409Conflict,
                    $"Job {jobId} is {progress.State}: {progress.ChunksDone} of {progress.ChunkCount} chunks done; fetch the results when it has finished.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet";
            response.Headers.ContentDisposition = $"attachment; filename=\"{jobId}.predictions.{format}\"";
            var rows = jobs.ReadPredictionsAsync(jobId, context.RequestAborted);
            if (format == "csv") await JobResultsWriter.WriteCsv(rows, response.Body, context.RequestAborted).ConfigureAwait(false);
            else await JobResultsWriter.WriteParquet(rows, response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) && !response.HasStarted)
        {
            await Unavailable(context).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>The rejected rows of a job (known from submission on), in the inbox's error-report CSV.</summary>
    private static async Task Errors(string id, HttpContext context, JobStore jobs)
    {
        var response = context.Response;
        if (!Guid.TryParse(id, out var jobId))
        {
            await Problem(StatusCodes.Status400BadRequest, $"'{id}' is not a job id.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        try
        {
            if (await jobs.ProgressAsync(jobId, context.RequestAborted).ConfigureAwait(false) is null)
            {
                await Problem(StatusCodes.Status404NotFound, $"No job {jobId}.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{jobId}.errors.csv\"";
            await JobResultsWriter.WriteErrorsCsv(jobs.ReadErrorsAsync(jobId, context.RequestAborted), response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) && !response.HasStarted)
        {
            await Unavailable(context).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels a job: chunks not yet scored are not scored, a chunk being scored has its commit refused, and the
    /// predictions already written stay fetchable. Cancelling twice is harmless; a finished job answers 409.
    /// </summary>
    private static async Task<IResult> Cancel(string id, HttpContext context, JobStore jobs, ILogger<JobStore> log)
    {
        if (!Guid.TryParse(id, out var jobId)) return Problem(StatusCodes.Status400BadRequest, $"'{id}' is not a job id.");
        string by = context.Request.Headers["X-Submitted-By"].FirstOrDefault() is { Length: > 0 } who ? who : "http";
        try
        {
            var outcome = await jobs.CancelAsync(jobId, by, context.RequestAborted).ConfigureAwait(false);
            if (outcome is null) return Problem(StatusCodes.Status404NotFound, $"No job {jobId}.");
            var progress = (await jobs.ProgressAsync(jobId, context.RequestAborted).ConfigureAwait(false))!;
            if (outcome == CancelOutcome.AlreadyFinished)
                return Problem(StatusCodes.Status409Conflict, $"Job {jobId} has already finished ({progress.State}); there is nothing to cancel.");
            if (outcome == CancelOutcome.Cancelled) FleetLog.JobCancelled(log, jobId, by, progress.ChunksCancelled, progress.ChunksDone);
            return Microsoft.AspNetCore.Http.Results.Json(Describe(progress), FleetJsonContext.Default.JobResponse);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex))
        {
            return Unavailable(context);
        }
    }

    private static JobResponse Describe(JobProgress p) => new(
        p.JobId, p.State, p.Source, p.SubmittedBy, p.SubmittedAt, p.TotalRows, p.RejectedRows, p.ChunkCount, p.ChunksDone, p.RowsScored,
        p.ModelVersions, $"/v1/jobs/{p.JobId}/results",
        p.FailedChunks.Count, p.RowsFailed,
        [.. p.FailedChunks.Select(c => new FailedChunkResponse(c.ChunkNo, c.Rows, c.FirstRow, c.LastRow, c.Attempts, c.Reason))],
        p.ChunksCancelled, p.CancelledAt, p.CancelledBy, $"/v1/jobs/{p.JobId}/errors", p.SubmitError);

    private static bool IsParquetName(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pq", StringComparison.OrdinalIgnoreCase);

    private static bool IsCsvName(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    private static IResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "The fleet database is unreachable; jobs are paused. Retry later.");
    }

    private static IResult Problem(int status, string message) =>
        Microsoft.AspNetCore.Http.Results.Json(new ProblemResponse(message), WorkerJsonContext.Default.ProblemResponse, statusCode: status);
}
