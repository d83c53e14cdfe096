using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Scoring.Serialization;
using Predictor.Worker.Models;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Models;

namespace Predictor.Worker.Fleet.Models;

/// <summary>
/// Serves the registry's active model: checks the active version when notified of an activation (and by polling as
/// a fallback), and swaps it in once its bytes hash to the registered version and load as a valid model; a file that
/// fails either check is refused and the current model keeps serving.
/// </summary>
internal sealed class RegistryFollower(
    ModelRegistry registry, ModelStore store, FleetNotifications notifications, TimeProvider clock,
    IOptions<FleetOptions> options, ILogger<RegistryFollower> log) : BackgroundService
{
    private string? _refused;

    /// <summary>Loads the active model now (start-up); false when no model has been activated yet.</summary>
    /// <exception cref="ModelFormatException">The active model's bytes do not verify or do not load.</exception>
    public async Task<bool> LoadActiveAsync(CancellationToken cancellation)
    {
        var active = await registry.ActiveAsync(cancellation).ConfigureAwait(false);
        if (active is null) return false;
        store.Swap(Verify(active));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.ModelRegistry.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifications.ModelActivated.WaitAsync(poll, stoppingToken).ConfigureAwait(false);
                string? version = await registry.ActiveVersionAsync(stoppingToken).ConfigureAwait(false);
                if (version is null || version == store.Current.Version || version == _refused) continue;
                var active = await registry.ActiveAsync(stoppingToken).ConfigureAwait(false);
                if (active is null) continue;
                try
                {
                    store.Swap(Verify(active));
                }
                catch (ModelFormatException ex)
                {
                    _refused = active.Version;
                    FleetLog.RegistryModelRefused(log, active.Version[..12], ex.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is Npgsql.NpgsqlException)
            {
                // The loaded model keeps serving; the next poll or notification tries again.
                await Task.Delay(options.Value.Database.RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private LoadedModel Verify(ActiveModel active)
    {
        string name = "registry:" + active.Version[..12];
        string actual = Convert.ToHexStringLower(SHA256.HashData(active.Content));
        if (!string.Equals(actual, active.Version, StringComparison.Ordinal))
        {
            throw new ModelFormatException(
                $"{name}: the stored bytes hash to {actual[..12]}, not to the registered version; the registry copy is damaged, push the file again.");
        }
        return ModelLoader.Load(active.Content, name, clock);
    }
}
