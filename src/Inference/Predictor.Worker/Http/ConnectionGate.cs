using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Predictor.Worker.Diagnostics;

namespace Predictor.Worker.Http;

/// <summary>
/// Caps open connections below the request pipeline: a connection beyond <see cref="Configuration.HttpApiOptions.MaxConnections"/>
/// gets a fixed 503 with <c>Retry-After</c> written straight to the socket, without parsing its request, and is closed.
/// Under a flood of clients this is what keeps admitted requests fast: refusing after HTTP parsing costs almost as
/// much as scoring, so requests would otherwise queue in front of the concurrency limiter until clients time out.
/// </summary>
internal sealed class ConnectionGate(int limit, int retryAfterSeconds, RejectionLog rejections)
{
    // Long enough for a client's first request to arrive (it is read and dropped so closing does not reset the
    // connection before the client reads the answer), short enough that refused connections do not pile up.
    private static readonly TimeSpan DrainWait = TimeSpan.FromMilliseconds(50);

    private readonly byte[] _refusal = Refusal(retryAfterSeconds);
    private int _open;

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        try
        {
            if (Interlocked.Increment(ref _open) > limit) await Refuse(connection).ConfigureAwait(false);
            else await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };

    private async Task Refuse(ConnectionContext connection)
    {
        rejections.TooManyConnections();
        var input = connection.Transport.Input;
        using (var wait = new CancellationTokenSource(DrainWait))
        {
            try
            {
                var read = await input.ReadAsync(wait.Token).ConfigureAwait(false);
                input.AdvanceTo(read.Buffer.End);
            }
            catch (OperationCanceledException)
            {
                // Nothing sent yet: answer anyway.
            }
        }
        await connection.Transport.Output.WriteAsync(_refusal).ConfigureAwait(false);
        await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
        await input.CompleteAsync().ConfigureAwait(false);
    }

    private static byte[] Refusal(int retryAfterSeconds)
    {
        const string body = "{\"error\":\"The worker has too many open connections (Worker:Http:MaxConnections); retry after the Retry-After delay.\"}";
        return Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 503 Service Unavailable\r\nRetry-After: {retryAfterSeconds}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
    }
}
