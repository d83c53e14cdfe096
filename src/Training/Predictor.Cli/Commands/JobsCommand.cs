using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using System.Net.Http.Headers;
using System.Text.Json;
using Predictor.Data.Errors;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor jobs submit|status|cancel|fetch</c>: batch jobs through any worker of the fleet (its <c>/v1/jobs</c> routes).
/// </summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var command = new Command("jobs", "Submit a cohort file to the fleet as a batch job, follow or cancel it, and fetch its predictions or rejected rows.");
        command.Subcommands.Add(Submit());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Cancel());
        command.Subcommands.Add(Fetch());
        return command;
    }

    private static Option<string> Worker() => new("--worker")
    {
        Description = "Base URL of any worker of the fleet.",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    private static Option<string> ApiKey() => new("--api-key") { Description = "The workers' Worker:Http:ApiKey, when set." };

    private static Command Submit()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Cohort file to score (.csv or .parquet); it is uploaded." };
        var wait = new Option<bool>("--wait")
        {
            Description = "Wait until the job has finished; exit 2 unless every chunk was scored (failed, cancelled or completed_with_errors).",
        };
        var worker = Worker();
        var key = ApiKey();
        var command = new Command("submit", "Upload a cohort file as a batch job; prints the job id once its first part is stored (the fleet scores while the rest is stored).") { file, wait, worker, key };
        command.SetAction(async (parse, cancellation) =>
        {
            var input = parse.GetValue(file)!;
            InputFiles.RequireExists(input, "FILE");
            string extension = input.Extension.ToUpperInvariant();
            string mediaType = extension switch
            {
                ".CSV" or ".TXT" => "text/csv",
                ".PARQUET" or ".PQ" => "application/vnd.apache.parquet",
                _ => throw new PredictorInputException($"FILE {input.FullName}: cannot send '{input.Extension}' files; expected .csv or .parquet."),
            };
            using var client = Client(parse.GetValue(worker)!, parse.GetValue(key));
            await using var stream = input.OpenRead();
            using var content = new StreamContent(stream);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            var job = await Send(client, new HttpRequestMessage(HttpMethod.Post, $"/v1/jobs?name={Uri.EscapeDataString(input.Name)}")
            {
                Content = content,
                Headers = { { "X-Submitted-By", FleetConnection.Actor } },
            }, cancellation).ConfigureAwait(false);
            string id = job.GetProperty("jobId").GetString()!;
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(id);
            parse.InvocationConfiguration.Error.WriteLine(Describe(job));
            if (!parse.GetValue(wait)) return ExitCode.Success;
            var finished = await WaitUntilFinished(client, id, parse.InvocationConfiguration.Error, cancellation).ConfigureAwait(false);
            return finished.GetProperty("state").GetString() == "completed" ? ExitCode.Success : ExitCode.InputError;
        });
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("JOB") { Description = "Job id (as 'jobs submit' printed it)." };
        var worker = Worker();
        var key = ApiKey();
        var command = new Command("status", "Show a job's progress (submitting while its file is still being stored), and why its submit or chunks failed.") { id, worker, key };
        command.SetAction(async (parse, cancellation) =>
        {
            using var client = Client(parse.GetValue(worker)!, parse.GetValue(key));
            var job = await Send(client, new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{Uri.EscapeDataString(parse.GetValue(id)!)}"), cancellation).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(Describe(job));
            foreach (string line in FailedChunks(job)) parse.InvocationConfiguration.Output.WriteLine(line);
            return ExitCode.Success;
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("JOB") { Description = "Job id." };
        var worker = Worker();
        var key = ApiKey();
        var command = new Command("cancel",
            "Cancel a job: chunks not yet scored are not scored; predictions already written stay fetchable. A finished job is refused (exit 2).")
        {
            id, worker, key,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            using var client = Client(parse.GetValue(worker)!, parse.GetValue(key));
            var job = await Send(client, new HttpRequestMessage(HttpMethod.Post, $"/v1/jobs/{Uri.EscapeDataString(parse.GetValue(id)!)}/cancel")
            {
                Headers = { { "X-Submitted-By", FleetConnection.Actor } },
            }, cancellation).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(Describe(job));
            return ExitCode.Success;
        });
        return command;
    }

    private static Command Fetch()
    {
        var id = new Argument<string>("JOB") { Description = "Job id." };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the predictions (.csv or .parquet), or with --errors the rejected rows (.csv).", Required = true,
        };
        var errors = new Option<bool>("--errors")
        {
            Description = "Fetch the rows the contract check left out at submission (row, line, column, problem) instead of the predictions.",
        };
        var worker = Worker();
        var key = ApiKey();
        var command = new Command("fetch",
            "Download a finished job's predictions as CSV or Parquet (by the --out extension), or with --errors its rejected rows as CSV.")
        {
            id, output, errors, worker, key,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var target = parse.GetValue(output)!;
            bool rejected = parse.GetValue(errors);
            string format = target.Extension.ToUpperInvariant() switch
            {
                ".CSV" => "csv",
                ".PARQUET" when !rejected => "parquet",
                _ => throw new PredictorInputException(rejected
                    ? $"--out {target.FullName}: the rejected rows come as CSV; expected a .csv file name."
                    : $"--out {target.FullName}: expected a .csv or .parquet file name."),
            };
            string job = Uri.EscapeDataString(parse.GetValue(id)!);
            using var client = Client(parse.GetValue(worker)!, parse.GetValue(key));
            using var response = await Call(client, new HttpRequestMessage(HttpMethod.Get,
                rejected ? $"/v1/jobs/{job}/errors" : $"/v1/jobs/{job}/results?format={format}"), cancellation).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
            CliFiles.WriteAtomically(target.FullName, stream => stream.Write(body));
            parse.InvocationConfiguration.Error.WriteLine($"wrote {target.FullName}");
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The states after which nothing more is scored.</summary>
    private static readonly string[] Finished = ["completed", "completed_with_errors", "failed", "cancelled"];

    private static async Task<JsonElement> WaitUntilFinished(HttpClient client, string id, TextWriter progress, CancellationToken cancellation)
    {
        while (true)
        {
            var job = await Send(client, new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}"), cancellation).ConfigureAwait(false);
            if (Finished.Contains(job.GetProperty("state").GetString()))
            {
                progress.WriteLine(Describe(job));
                foreach (string line in FailedChunks(job)) progress.WriteLine(line);
                return job;
            }
            await Task.Delay(500, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Why the submit failed (if it did), then one line per failed chunk: its rows of the file, attempts and the reason.</summary>
    private static IEnumerable<string> FailedChunks(JsonElement job)
    {
        if (job.TryGetProperty("submitError", out var submitError) && submitError.ValueKind == JsonValueKind.String)
            yield return $"  {submitError.GetString()}";
        if (!job.TryGetProperty("failedChunks", out var failed)) yield break;
        foreach (var chunk in failed.EnumerateArray())
        {
            yield return $"  chunk {chunk.GetProperty("chunk").GetInt32()} failed (rows {chunk.GetProperty("firstRow").GetInt32()}-" +
                $"{chunk.GetProperty("lastRow").GetInt32()}, {chunk.GetProperty("rows").GetInt32()} rows, " +
                $"{chunk.GetProperty("attempts").GetInt32()} attempts): {chunk.GetProperty("reason").GetString()}";
        }
    }

    private static string Describe(JsonElement job) =>
        $"job {job.GetProperty("jobId").GetString()}: {job.GetProperty("state").GetString()}, " +
        $"{job.GetProperty("chunksDone").GetInt32()}/{job.GetProperty("chunks").GetInt32()} chunks, " +
        $"{job.GetProperty("rowsScored").GetInt64()}/{job.GetProperty("totalRows").GetInt32()} rows scored, " +
        $"{job.GetProperty("rejectedRows").GetInt32()} rejected" +
        (job.GetProperty("state").GetString() == "submitting" ? " so far (the file is still being stored)" : "") +
        (job.TryGetProperty("chunksFailed", out var failed) && failed.GetInt32() > 0
            ? $", {failed.GetInt32()} chunks failed ({job.GetProperty("rowsFailed").GetInt64()} rows not scored)" : "") +
        (job.TryGetProperty("chunksCancelled", out var cancelled) && cancelled.GetInt32() > 0 ? $", {cancelled.GetInt32()} chunks cancelled" : "") +
        $" (source {job.GetProperty("source").GetString()})";

    private static HttpClient Client(string worker, string? apiKey)
    {
        if (!Uri.TryCreate(worker, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new PredictorInputException($"--worker '{worker}': expected an http(s) URL such as http://127.0.0.1:5080.");
        var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(30) };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static async Task<JsonElement> Send(HttpClient client, HttpRequestMessage request, CancellationToken cancellation)
    {
        using var response = await Call(client, request, cancellation).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false));
        return document.RootElement.Clone();
    }

    /// <summary>Sends; a refusal is one line with the worker's own reason, an unreachable worker one line too (exit 2).</summary>
    private static async Task<HttpResponseMessage> Call(HttpClient client, HttpRequestMessage request, CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PredictorInputException($"--worker {client.BaseAddress}: cannot reach the worker ({ex.Message}).", ex);
        }
        if (response.IsSuccessStatusCode) return response;
        string body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        response.Dispose();
        string reason = body;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("error", out var error)) reason = error.GetString() ?? body;
        }
        catch (JsonException)
        {
            // Not the worker's JSON problem shape: show the body as it came.
        }
        throw new PredictorInputException($"the worker answered {(int)response.StatusCode}: {reason}");
    }
}
