using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;
using Predictor.Worker.Fhir;
using Predictor.Worker.Fleet.Hosting;
using Predictor.Worker.Http;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Worker;

/// <summary>
/// Composes the worker: settings (appsettings.json beside the program, then environment variables, then command
/// line), the model store and watcher, the micro-batcher, the file inbox and the HTTP endpoints.
/// </summary>
public static class WorkerApp
{
    /// <summary>Builds the host and checks settings and model; throws <see cref="OptionsValidationException"/> or
    /// <see cref="WorkerStartupException"/> with a one-line reason when the worker cannot start.</summary>
    public static WebApplication Build(string[] args)
    {
        // appsettings.json ships beside the program; paths inside it are relative to the current directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddOptions<WorkerOptions>()
            .Bind(builder.Configuration.GetSection(WorkerOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        // The same binding as the options above, read early for the settings the server itself needs.
        var settings = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.Http.MaxRequestBytes;
            var gate = new ConnectionGate(settings.Http.MaxConnections, settings.Batching.RetryAfterSeconds,
                kestrel.ApplicationServices.GetRequiredService<RejectionLog>());
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(gate.Wrap));
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<RejectionLog>();
        services.AddShedding(settings);
        services.AddWorkerTelemetry(builder.Configuration, settings.Telemetry);
        services.AddSingleton<ModelStore>();
        // In a fleet the registry names the model (Fleet/Models/RegistryFollower); the file is only the fallback.
        bool fleet = FleetSetup.AddFleet(builder);
        if (!fleet) services.AddHostedService<ModelWatcher>();
        services.AddSingleton<MicroBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MicroBatcher>());
        services.AddSingleton<InboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<ScoreEndpoint>();
        services.AddFhir(builder.Configuration);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WorkerJsonContext.Default));

        var app = builder.Build();
        // Check settings, then load the model, before anything listens: both failures are one clear line.
        _ = app.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        _ = app.Services.GetRequiredService<ModelStore>();
        _ = app.Services.GetRequiredService<IOptions<FhirOptions>>().Value;
        _ = app.Services.GetRequiredService<Predictor.Fhir.Mapping.PatientMapper>();
        app.UseRateLimiter();
        if (fleet) FleetSetup.Start(app);
        var score = WorkerEndpoints.Map(app);
        var fhirScoring = app.MapFhir();
        FleetSetup.MapEndpoints(app, [score, .. fhirScoring], fleet);
        WorkerTelemetry.MapScrapeEndpoint(app, settings.Telemetry);
        return app;
    }
}
