using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Predictor.Worker.PostgreSql;
using Predictor.Worker.PostgreSql.Models;

namespace Predictor.Worker.Fleet;

/// <summary>
/// Listens on one connection for the fleet's notifications (a model activated, a job submitted) and wakes whoever
/// waits on them. After a lost connection it reconnects and wakes everyone, since notifications sent meanwhile are gone;
/// the waiters' own polling covers the gap until then.
/// </summary>
internal sealed class FleetNotifications(FleetDatabase database, IOptions<FleetOptions> options, ILogger<FleetNotifications> log) : BackgroundService
{
    public const string JobsChannel = "predictor_jobs";

    public Signal ModelActivated { get; } = new();

    public Signal JobSubmitted { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool paused = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {ModelRegistry.Channel}; LISTEN {JobsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                if (paused) FleetLog.Resumed(log, "notifications");
                paused = false;
                ModelActivated.Set();
                JobSubmitted.Set();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (FleetDatabase.IsUnavailable(ex) || ex is NpgsqlException)
            {
                if (!paused) FleetLog.Paused(log, "notifications", ex.Message);
                paused = true;
                await Task.Delay(options.Value.Database.RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == ModelRegistry.Channel) ModelActivated.Set();
        else if (e.Channel == JobsChannel) JobSubmitted.Set();
    }

    /// <summary>A wake-up flag: set any number of times, one waiter consumes it.</summary>
    internal sealed class Signal
    {
        private readonly SemaphoreSlim _semaphore = new(0, 1);

        public void Set()
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already set: one wake-up covers any number of notifications.
            }
        }

        /// <summary>Waits for the flag or the timeout; true when woken by the flag.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => _semaphore.WaitAsync(timeout, cancellation);
    }
}
