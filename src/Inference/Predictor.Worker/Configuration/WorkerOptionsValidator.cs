using Microsoft.Extensions.Options;

namespace Predictor.Worker.Configuration;

/// <summary>
/// Checks the settings at start-up (<c>ValidateOnStart</c>), so a missing model, an unwritable folder or a bad value
/// stops the worker with one clear line instead of failing on the first file or request.
/// </summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
            failures.Add("Worker:ModelPath is not set.");
        else if (!File.Exists(options.FullModelPath))
            failures.Add($"Worker:ModelPath: model file '{options.FullModelPath}' does not exist (train one with 'predictor train').");
        if (string.IsNullOrWhiteSpace(options.DataRoot))
            failures.Add("Worker:DataRoot is not set.");
        else
            CheckWritable(options.Folders, failures);

        var inbox = options.Inbox;
        if (inbox.PollInterval <= TimeSpan.Zero) failures.Add("Worker:Inbox:PollInterval must be positive.");
        if (inbox.SettleTime < TimeSpan.Zero) failures.Add("Worker:Inbox:SettleTime must not be negative.");
        if (inbox.StillWritingTimeout <= TimeSpan.Zero) failures.Add("Worker:Inbox:StillWritingTimeout must be positive.");
        if (inbox.UnterminatedWait < TimeSpan.Zero) failures.Add("Worker:Inbox:UnterminatedWait must not be negative.");
        if (inbox.ChangeWatch < TimeSpan.Zero) failures.Add("Worker:Inbox:ChangeWatch must not be negative.");
        if (!OutputFormats.IsKnown(inbox.OutputFormat))
            failures.Add($"Worker:Inbox:OutputFormat is '{inbox.OutputFormat}'; expected same, csv or parquet.");

        var batching = options.Batching;
        if (batching.MaxBatchSize is < 1 or > 100_000) failures.Add("Worker:Batching:MaxBatchSize must be between 1 and 100000.");
        if (batching.MaxBatchWait < TimeSpan.Zero || batching.MaxBatchWait > TimeSpan.FromSeconds(1))
            failures.Add("Worker:Batching:MaxBatchWait must be between 0 and 1 second.");
        if (batching.QueueCapacity < 1) failures.Add("Worker:Batching:QueueCapacity must be at least 1.");
        if (batching.RetryAfterSeconds < 1) failures.Add("Worker:Batching:RetryAfterSeconds must be at least 1.");

        var http = options.Http;
        if (http.MaxRequestBytes < 1024) failures.Add("Worker:Http:MaxRequestBytes must be at least 1024.");
        if (http.MaxPatientsPerRequest < 1) failures.Add("Worker:Http:MaxPatientsPerRequest must be at least 1.");
        if (http.MaxConcurrentRequests < 1) failures.Add("Worker:Http:MaxConcurrentRequests must be at least 1.");
        if (http.MaxConnections < 1) failures.Add("Worker:Http:MaxConnections must be at least 1.");
        if (http.RequestQueueLimit < 0) failures.Add("Worker:Http:RequestQueueLimit must not be negative.");
        if (!string.IsNullOrEmpty(http.ApiKey) && !string.IsNullOrEmpty(http.ApiKeyFile))
            failures.Add("Worker:Http:ApiKey and Worker:Http:ApiKeyFile are both set; set one.");
        else if (!string.IsNullOrEmpty(http.ApiKeyFile) && !File.Exists(http.ApiKeyFile))
            failures.Add($"Worker:Http:ApiKeyFile: file '{Path.GetFullPath(http.ApiKeyFile)}' does not exist.");
        var telemetry = options.Telemetry;
        if (!string.IsNullOrEmpty(telemetry.PrometheusPath) && !telemetry.PrometheusPath.StartsWith('/'))
            failures.Add($"Worker:Telemetry:PrometheusPath must start with '/' (or be empty to turn it off); got '{telemetry.PrometheusPath}'.");
        if (!string.IsNullOrEmpty(telemetry.OtlpEndpoint) && !Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out _))
            failures.Add($"Worker:Telemetry:OtlpEndpoint must be an absolute URL such as http://127.0.0.1:4318; got '{telemetry.OtlpEndpoint}'.");
        if (telemetry.OtlpExportInterval < TimeSpan.FromMilliseconds(100) || telemetry.OtlpExportInterval > TimeSpan.FromHours(1))
            failures.Add("Worker:Telemetry:OtlpExportInterval must be between 0.1 s and 1 hour.");
        if (options.ModelReload.PollInterval <= TimeSpan.Zero) failures.Add("Worker:ModelReload:PollInterval must be positive.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckWritable(WorkerFolders folders, List<string> failures)
    {
        foreach (var folder in folders.All)
        {
            try
            {
                Directory.CreateDirectory(folder);
                string probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add($"Worker:DataRoot: folder '{folder}' is not writable ({ex.Message}).");
                return;
            }
        }
    }
}
