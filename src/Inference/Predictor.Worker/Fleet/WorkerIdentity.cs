namespace Predictor.Worker.Fleet;

/// <summary>
/// This process's name in the fleet (lease owner, audit): host, process id and a random suffix, so a restarted
/// process never mistakes a dead predecessor's lease for its own.
/// </summary>
internal sealed class WorkerIdentity
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
