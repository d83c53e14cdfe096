using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Scoring.Serialization;
using Predictor.Worker.Configuration;
using Predictor.Worker.Fleet;
using Predictor.Worker.Http;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;
using Predictor.Worker.Fleet.Audit;
using Predictor.Worker.Fleet.Jobs;
using Predictor.Worker.Fleet.Models;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Audit;
using Predictor.Worker.PostgreSql.Jobs;
using Predictor.Worker.PostgreSql.Models;
using Predictor.Worker.PostgreSql.Schema;

namespace Predictor.Worker.Fleet.Hosting;

/// <summary>
/// Joins the worker to a fleet when <c>Worker:Database:ConnectionString</c> is set: schema migration at start-up,
/// the registry's active model, batch jobs, and the audit trail. Without it nothing here is registered.
/// </summary>
internal static class FleetSetup
{
    /// <summary>Registers the fleet's services; returns false (registering nothing but the options) without a connection string.</summary>
    public static bool AddFleet(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FleetOptions>().Bind(builder.Configuration.GetSection(WorkerOptions.Section));
        var options = builder.Configuration.GetSection(WorkerOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
        if (!options.IsEnabled) return false;
        Validate(options);

        services.AddSingleton(_ => Open(options.Database.ConnectionString));
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton(sp => new JobStore(sp.GetRequiredService<FleetDatabase>()));
        services.AddSingleton(sp => new JobSubmitStore(sp.GetRequiredService<FleetDatabase>()));
        services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<FleetDatabase>()));
        services.AddSingleton(sp => new AuditStore(sp.GetRequiredService<FleetDatabase>()));
        services.AddSingleton(new PatientRefs(options.Audit.HashIds, options.Audit.HashKey));
        services.AddSingleton(sp =>
        {
            string folder = string.IsNullOrWhiteSpace(options.Audit.SpoolFolder)
                ? Path.Combine(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Folders.Root, "audit-spool")
                : Path.GetFullPath(options.Audit.SpoolFolder);
            return new AuditSpool(folder);
        });
        services.AddSingleton<FleetNotifications>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetNotifications>());
        services.AddSingleton<RegistryFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryFollower>());
        services.AddHostedService<JobRunner>();
        services.AddSingleton<JobIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<JobIntake>());
        if (options.Audit.Enabled)
        {
            services.AddSingleton<AuditTrail>();
            services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
            services.AddSingleton<IInboxRecorder, InboxAudit>();
        }
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(FleetJsonContext.Default));
        return true;
    }

    /// <summary>
    /// Before anything listens: brings the schema up to date and loads the registry's active model (if one was
    /// activated; otherwise the worker serves its Worker:ModelPath file until one is).
    /// </summary>
    public static void Start(WebApplication app)
    {
        var database = app.Services.GetRequiredService<FleetDatabase>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FleetSetup));
        try
        {
            var applied = SchemaMigrator.MigrateAsync(database).GetAwaiter().GetResult();
            FleetLog.SchemaReady(log, database.Server, SchemaMigrator.LatestKnownVersion, applied.Count == 0 ? "none" : string.Join(",", applied));
            app.Services.GetRequiredService<RegistryFollower>().LoadActiveAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (FleetDatabaseException ex)
        {
            throw new WorkerStartupException("Worker:Database: " + ex.Message, ex);
        }
        catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException)
        {
            throw new WorkerStartupException($"Worker:Database: cannot reach the fleet database {database.Server}: {ex.Message.Split('\n')[0]}", ex);
        }
        catch (ModelFormatException ex)
        {
            throw new WorkerStartupException("the fleet's active model is refused: " + ex.Message, ex);
        }
    }

    /// <summary>Maps the job routes (or their "needs a fleet" answers) and puts the audit trail behind every scoring route.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder app, IReadOnlyList<RouteHandlerBuilder> scoring, bool fleet)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter<ApiKeyFilter>();
        if (!fleet)
        {
            JobEndpoints.MapUnavailable(v1);
            return;
        }
        JobEndpoints.Map(v1);
        if (app.ServiceProvider.GetService<AuditTrail>() is null) return;
        foreach (var route in scoring) route.AddEndpointFilter<ScoreAuditFilter>();
    }

    private static FleetDatabase Open(string connectionString)
    {
        try
        {
            return new FleetDatabase(connectionString);
        }
        catch (FleetDatabaseException ex)
        {
            throw new WorkerStartupException(ex.Message, ex);
        }
    }

    private static void Validate(FleetOptions options)
    {
        var failures = new List<string>();
        if (options.Jobs.ChunkRows is < 1 or > 1_000_000) failures.Add("Worker:Jobs:ChunkRows must be between 1 and 1000000.");
        if (options.Jobs.LeaseDuration < TimeSpan.FromSeconds(1)) failures.Add("Worker:Jobs:LeaseDuration must be at least 1 second.");
        if (options.Jobs.MaxAttempts is < 1 or > 100) failures.Add("Worker:Jobs:MaxAttempts must be between 1 and 100.");
        if (options.Jobs.PollInterval <= TimeSpan.Zero) failures.Add("Worker:Jobs:PollInterval must be positive.");
        if (options.Jobs.Concurrency < 0) failures.Add("Worker:Jobs:Concurrency must not be negative (0: one per processor).");
        if (options.Jobs.MaxUploadBytes < 1024) failures.Add("Worker:Jobs:MaxUploadBytes must be at least 1024.");
        if (options.Audit.HashIds && options.Audit.HashKey.Length < 16)
            failures.Add("Worker:Audit:HashIds is on, so Worker:Audit:HashKey must be set (at least 16 characters).");
        if (options.Audit.MaxBatch < 1) failures.Add("Worker:Audit:MaxBatch must be at least 1.");
        if (options.Audit.FlushInterval < TimeSpan.Zero || options.Audit.FlushInterval > TimeSpan.FromSeconds(10))
            failures.Add("Worker:Audit:FlushInterval must be between 00:00:00 and 00:00:10.");
        if (options.Database.RetryInterval <= TimeSpan.Zero) failures.Add("Worker:Database:RetryInterval must be positive.");
        if (options.ModelRegistry.PollInterval <= TimeSpan.Zero) failures.Add("Worker:ModelRegistry:PollInterval must be positive.");
        if (failures.Count > 0) throw new WorkerStartupException(string.Join(" ", failures));
    }
}
