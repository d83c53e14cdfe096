using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// A bounded, self-stopping load generator for the inference worker.
//   http  <url> <patient.json> <connections> <seconds> <rate1,rate2,...> [server-pid]
//         paced single-patient POSTs at each rate (0 = unpaced); with the worker's pid (Linux) it also reports the
//         worker's CPU time per request, which unlike latency barely depends on what else the machine is running.
//         Latency percentiles are of accepted (2xx) requests; refused ones (503/429, overload shedding) are counted apart
//         with their own p99, and requests that fail without an answer (timeouts, resets) are counted as errors.
//   inbox <data-root> <file.csv>                                          drop a file, time until its output appears and the input is in done/
// Latency is measured from each request's scheduled send time, so a stalled server cannot hide queueing delay.
var culture = CultureInfo.InvariantCulture;
if (args.Length >= 5 && args[0] == "http")
{
    string body = File.ReadAllText(args[2]);
    int connections = int.Parse(args[3], culture);
    double seconds = double.Parse(args[4], culture);
    var rates = args.Length > 5 ? args[5].Split(',').Select(r => int.Parse(r, culture)).ToArray() : [0];
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    // Two seconds, as wrk's default: a request not answered by then counts as an error (timed out).
    using var client = new HttpClient(handler) { BaseAddress = new Uri(args[1]), Timeout = TimeSpan.FromSeconds(2) };
    int? serverPid = args.Length > 6 ? int.Parse(args[6], culture) : null;
    Console.WriteLine("target_rps,achieved_rps,ok,errors,p50_ms,p99_ms,max_ms,refused,refused_p99_ms,server_cpu_us_per_request");
    foreach (int rate in rates)
    {
        double cpuBefore = ServerCpu.Seconds(serverPid);
        var result = await HttpRun.Run(client, body, connections, TimeSpan.FromSeconds(seconds), rate);
        double cpu = (ServerCpu.Seconds(serverPid) - cpuBefore) * 1e6 / Math.Max(1, result.Ok + result.Errors + result.Refused);
        Console.WriteLine(result.ToString() + (serverPid is null ? "," : string.Create(culture, $",{cpu:F0}")));
    }
    return 0;
}
if (args.Length == 3 && args[0] == "inbox")
{
    string inbox = Path.Combine(args[1], "inbox");
    string outbox = Path.Combine(args[1], "outbox");
    string name = Path.GetFileName(args[2]);
    string staged = Path.Combine(inbox, "." + name + ".part");
    File.Copy(args[2], staged, overwrite: true);
    // Hidden names are the worker's temporary files, which exist before the output is complete.
    string[] Outputs() => [.. Directory.GetFiles(outbox, "*.predictions.*").Where(f => !Path.GetFileName(f).StartsWith('.'))];
    var before = Outputs().ToHashSet();
    // Done when the output is there and the input is in done/: a fleet worker writes the file's audit rows after its
    // output and before it moves the input to done/ (as <stamp>__<name>).
    string done = Path.Combine(args[1], "done");
    string[] Done() => Directory.Exists(done) ? Directory.GetFiles(done, "*__" + name) : [];
    var doneBefore = Done().ToHashSet();
    var clock = Stopwatch.StartNew();
    File.Move(staged, Path.Combine(inbox, name));
    string stem = "__" + Path.GetFileNameWithoutExtension(name) + ".predictions.";
    while (!Outputs().Any(f => !before.Contains(f) && f.Contains(stem, StringComparison.Ordinal)) || Done().All(doneBefore.Contains))
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(5)) { Console.Error.WriteLine("gave up after 5 minutes"); return 1; }
        await Task.Delay(5);
    }
    Console.WriteLine(string.Create(culture, $"{name}: output written and input in done/ in {clock.Elapsed.TotalSeconds:F2} s (from rename into the inbox)"));
    return 0;
}
Console.Error.WriteLine("usage: http <url> <patient.json> <connections> <seconds> <rates> | inbox <data-root> <file.csv>");
return 2;

/// <summary>One paced run: <c>connections</c> loops share the target rate (0 = as fast as possible).</summary>
internal static class HttpRun
{
    public static async Task<RunResult> Run(HttpClient client, string body, int connections, TimeSpan duration, int rate)
    {
        var latencies = new List<double>[connections];
        var refusals = new List<double>[connections];
        int errors = 0;
        var clock = Stopwatch.StartNew();
        double interval = rate > 0 ? connections / (double)rate : 0; // seconds between sends per loop
        var content = Encoding.UTF8.GetBytes(body);
        async Task Loop(int id)
        {
            var mine = latencies[id] = new List<double>(1 << 16);
            var refused = refusals[id] = new List<double>(1 << 10);
            double next = interval * id / connections;
            while (clock.Elapsed < duration)
            {
                double scheduled = interval > 0 ? next : clock.Elapsed.TotalSeconds;
                if (interval > 0)
                {
                    double wait = scheduled - clock.Elapsed.TotalSeconds;
                    if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait));
                    next += interval;
                }
                using var request = new ByteArrayContent(content);
                request.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                HttpResponseMessage response;
                try
                {
                    response = await client.PostAsync("/v1/score", request);
                    await response.Content.ReadAsByteArrayAsync();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors); // no answer at all: a timeout or a reset connection
                    continue;
                }
                using (response)
                {
                    double ms = (clock.Elapsed.TotalSeconds - scheduled) * 1000;
                    if (response.IsSuccessStatusCode) mine.Add(ms);
                    else if ((int)response.StatusCode is 503 or 429) refused.Add(ms);
                    else Interlocked.Increment(ref errors);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => Loop(i))));
        double elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var shed = refusals.SelectMany(l => l).Order().ToArray();
        static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return new RunResult(rate, (all.Length + shed.Length) / elapsed, all.Length, errors, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length == 0 ? double.NaN : all[^1], shed.Length, Percentile(shed, 0.99));
    }
}

/// <summary>A process's user + system CPU time from /proc (Linux); NaN when no pid was given.</summary>
internal static class ServerCpu
{
    public static double Seconds(int? pid)
    {
        if (pid is null) return double.NaN;
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}

internal sealed record RunResult(int Target, double Achieved, int Ok, int Errors, double P50, double P99, double Max, int Refused, double RefusedP99)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Target == 0 ? "max" : Target.ToString(CultureInfo.InvariantCulture))},{Achieved:F0},{Ok},{Errors},{P50:F2},{P99:F2},{Max:F1},{Refused},{RefusedP99:F2}");
}
