using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Predictor.Worker;

namespace Predictor.Benchmarks.Worker;

/// <summary>
/// Runs the worker in this process and sends single-patient requests over one keep-alive socket with a pre-built
/// request, so nearly every byte allocated and every CPU tick used is the server's: reports allocated bytes and
/// CPU time per request, figures that hardly depend on what else the machine is running.
/// </summary>
internal static class HttpAllocations
{
    public static async Task Run(string modelPath, string patientJson, int requests)
    {
        string root = Path.Combine(Path.GetTempPath(), "worker-alloc-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        await using var app = WorkerApp.Build(
        [
            "--urls", "http://127.0.0.1:0", $"--Worker:ModelPath={modelPath}", $"--Worker:DataRoot={root}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var uri = new Uri(app.Urls.Single());
        byte[] body = Encoding.UTF8.GetBytes(File.ReadAllText(patientJson));
        byte[] request = [.. Encoding.ASCII.GetBytes(
            $"POST /v1/score HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(uri.Host, uri.Port);
        var buffer = new byte[64 * 1024];

        async Task Send(int count)
        {
            for (int i = 0; i < count; i++)
            {
                await socket.SendAsync(request);
                await ReadResponse(socket, buffer);
            }
        }
        await Send(Math.Min(20_000, requests)); // warm-up: tiered JIT, pools
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int collections = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Send(requests);
        double elapsed = clock.Elapsed.TotalSeconds;
        double bytesPer = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)requests;
        double cpuPer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / requests;
        int gcs = GC.CollectionCount(0) - collections;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"http single-patient, one connection: {requests} requests, {bytesPer:F0} bytes allocated and {cpuPer:F0} us CPU per request (client included), {gcs} gen0 GCs, {requests / elapsed:F0} req/s sequential"));
        await app.StopAsync();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Reads one response: headers up to the blank line, then Content-Length bytes (or chunks until 0).</summary>
    private static async Task ReadResponse(Socket socket, byte[] buffer)
    {
        int filled = 0;
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (read == 0) throw new IOException("The worker closed the connection.");
            filled += read;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0) continue;
            if (!text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)) throw new IOException("Unexpected response: " + text[..Math.Min(200, text.Length)]);
            int lengthAt = text.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            if (lengthAt >= 0 && lengthAt < headerEnd)
            {
                int end = text.IndexOf("\r\n", lengthAt, StringComparison.Ordinal);
                int length = int.Parse(text.AsSpan(lengthAt + 16, end - lengthAt - 16), CultureInfo.InvariantCulture);
                if (filled >= headerEnd + 4 + length) return;
            }
            else if (text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
