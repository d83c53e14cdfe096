namespace Predictor.Worker.Fleet;

/// <summary>
/// The fleet settings (sections <c>Worker:Database</c>, <c>Worker:Jobs</c>, <c>Worker:Audit</c>,
/// <c>Worker:ModelRegistry</c>). Without a connection string none of it applies and the worker runs alone.
/// </summary>
public sealed class FleetOptions
{
    public DatabaseOptions Database { get; set; } = new();

    public JobOptions Jobs { get; set; } = new();

    public AuditOptions Audit { get; set; } = new();

    public ModelRegistryOptions ModelRegistry { get; set; } = new();

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Database.ConnectionString);
}

public sealed class DatabaseOptions
{
    /// <summary>Npgsql connection string of the fleet's PostgreSQL database; empty: no fleet.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How long to wait before retrying after the database was found unreachable.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class JobOptions
{
    /// <summary>Rows per chunk (the unit a worker leases and commits).</summary>
    public int ChunkRows { get; set; } = 10_000;

    /// <summary>
    /// How long a lease lasts: a dead worker's chunks go to others after this. A worker still scoring a chunk
    /// renews its lease every third of this, so a slow chunk is not taken over while it is being worked on.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts a chunk gets (a scoring error, or a lease that expired because its worker died) before it is
    /// marked failed and the rest of the job goes on without it.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often a worker renews the lease of a chunk it is scoring.</summary>
    public TimeSpan RenewInterval => LeaseDuration / 3;

    /// <summary>Fallback poll for new chunks when no notification arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chunks this worker scores at once (0: one per processor).</summary>
    public int Concurrency { get; set; }

    /// <summary>Largest upload accepted by <c>POST /v1/jobs</c>.</summary>
    public long MaxUploadBytes { get; set; } = 2L << 30;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;
}

public sealed class AuditOptions
{
    /// <summary>Record every fleet prediction (on by default whenever the fleet database is set).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Store a keyed hash (HMAC-SHA256 with <see cref="HashKey"/>) instead of the patient id.</summary>
    public bool HashIds { get; set; }

    public string HashKey { get; set; } = "";

    /// <summary>Where audit rows wait while the database is unreachable (default: DataRoot/audit-spool).</summary>
    public string SpoolFolder { get; set; } = "";

    /// <summary>Most rows written to the database in one batch.</summary>
    public int MaxBatch { get; set; } = 5_000;

    /// <summary>
    /// How long the first queued row waits for others before a batch is written. One COPY round trip per request
    /// cost the worker about 100 µs of CPU per request at 2,000 requests/s (and PostgreSQL as much again); gathering
    /// for 50 ms makes it a few rows' worth. Rows in the window are in memory, as every queued row already is.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}

public sealed class ModelRegistryOptions
{
    /// <summary>Fallback poll of the active version, for when a notification is missed (connection lost).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
