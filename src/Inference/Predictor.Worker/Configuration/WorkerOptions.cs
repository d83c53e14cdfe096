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
    /// <summary>When set, /v1 requests must carry it in the <c>X-Api-Key</c> header.</summary>
    public string ApiKey { get; set; } = "";

    public long MaxRequestBytes { get; set; } = 1 << 20;

    public int MaxPatientsPerRequest { get; set; } = 1000;
}

/// <summary>How the model file is watched for replacement.</summary>
public sealed class ModelReloadOptions
{
    /// <summary>Fallback poll for file systems where change notifications are not delivered (network shares).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
