using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Predictor.Worker;
using Predictor.Worker.Models;

// The worker's entry point: any reason it cannot start is one line on stderr and exit code 2.
try
{
    await using var app = WorkerApp.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("error: " + string.Join(" ", ex.Failures)).ConfigureAwait(false);
    return 2;
}
catch (WorkerStartupException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
    return 2;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException or null)
{
    // Typically the address is already in use (Kestrel wraps that as AddressInUseException).
    await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
    return 2;
}
