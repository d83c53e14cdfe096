namespace Predictor.Worker.Configuration;

/// <summary>
/// The worker's settings (section <c>Worker</c> of appsettings.json, environment variables <c>Worker__...</c>,
/// command line <c>--Worker:...</c>). Relative paths are resolved against the current directory.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>The model file (JSON written by <c>predictor train</c>).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Folder holding inbox/, processing/, outbox/, done/ and failed/.</summary>
    public string DataRoot { get; set; } = "";

    public InboxOptions Inbox { get; set; } = new();

    public BatchingOptions Batching { get; set; } = new();

    public HttpApiOptions Http { get; set; } = new();

    public ModelReloadOptions ModelReload { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    public string FullModelPath => Path.GetFullPath(ModelPath);

    public WorkerFolders Folders => new(Path.GetFullPath(DataRoot));
}

/// <summary>How the file inbox finds and writes files.</summary>
public sealed class InboxOptions
{
    /// <summary>How often the inbox folder is scanned.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A file is claimed only once its size and write time have not changed for this long, so a file still being
    /// copied in is not read half-way (writers may also use a <c>.part</c> suffix and rename when done).
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>same</c> (the input's format), <c>csv</c> or <c>parquet</c>.</summary>
    public string OutputFormat { get; set; } = "same";

    /// <summary>A claimed file still changing this long after its claim is moved to failed/ as still being written.</summary>
    public TimeSpan StillWritingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a CSV whose last line has no line end is held for its writer to finish that line.</summary>
    public TimeSpan UnterminatedWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an input moved to done/ is watched for a writer that was still appending to it.</summary>
    public TimeSpan ChangeWatch { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>How concurrent HTTP requests are gathered for the scorer.</summary>
public sealed class BatchingOptions
{
    /// <summary>Most patients scored in one batch.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How long a batch waits for more requests once it has one (zero: take what is queued, no waiting).</summary>
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// With no batch wait: score a request at once on its own thread when no other is being scored that way
    /// (skipping the hand-over to the batch loop); requests that find it busy are batched as usual.
    /// </summary>
    public bool ScoreWhenIdle { get; set; } = true;

    /// <summary>Most requests admitted and not yet answered; beyond it the service answers 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 4096;

    public int RetryAfterSeconds { get; set; } = 1;
}

/// <summary>HTTP API limits and access.</summary>
public sealed class HttpApiOptions
{
    /// <summary>When set, /v1 requests must carry it in the <c>X-Api-Key</c> header. Prefer the environment variable
    /// <c>Worker__Http__ApiKey</c> or <see cref="ApiKeyFile"/> to the command line, where <c>ps</c> shows it.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>A file holding the API key (its first line; surrounding whitespace ignored), e.g. a mounted secret.</summary>
    public string ApiKeyFile { get; set; } = "";

    /// <summary>
    /// Most score requests handled at once. Requests beyond it wait in a short queue (<see cref="RequestQueueLimit"/>)
    /// or are answered 503 with Retry-After at once, before their body is read, so an overload is shed where it enters
    /// instead of piling up in front of the scoring queue.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Score requests that may wait for a free slot (oldest first) before new ones are refused.</summary>
    public int RequestQueueLimit { get; set; } = 64;

    /// <summary>
    /// Most open client connections; a connection beyond it is answered 503 with Retry-After without its request being
    /// parsed, and closed. Bounds the work queued ahead of <see cref="MaxConcurrentRequests"/> under a flood of clients.
    /// </summary>
    public int MaxConnections { get; set; } = 1024;

    public long MaxRequestBytes { get; set; } = 1 << 20;

    public int MaxPatientsPerRequest { get; set; } = 1000;
}

/// <summary>How the model file is watched for replacement.</summary>
public sealed class ModelReloadOptions
{
    /// <summary>Fallback poll for file systems where change notifications are not delivered (network shares).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Where the worker's metrics are exported (OpenTelemetry).</summary>
public sealed class TelemetryOptions
{
    /// <summary>Path of the Prometheus scrape endpoint (outside /v1, so without the API key); empty turns it off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Base URL of an OTLP/HTTP collector (e.g. <c>http://127.0.0.1:4318</c>); metrics are posted to
    /// <c>{base}/v1/metrics</c>. Empty: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is used when set,
    /// otherwise nothing is pushed.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>How often metrics are pushed over OTLP.</summary>
    public TimeSpan OtlpExportInterval { get; set; } = TimeSpan.FromSeconds(15);
}
