using System.Diagnostics;
using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Parquet.Tables;
using Predictor.Scoring.Input;
using Predictor.Scoring.Tables;
using Predictor.Worker.Configuration;
using Predictor.Worker.Inbox;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

// Explains the figures in docs/benchmarks.md ("Worker"):
//   inbox <model.json> <file.parquet> [repeats] [settle]
//                                                 each stage of the inbox path (wall and thread CPU, Parquet output
//                                                 included), then the whole FileScorer; with "settle", a full garbage
//                                                 collection (not timed) between stages, so each stage's figure holds
//                                                 only the collections its own allocations cause
//   http  <model.json> <patient.json> [requests]  allocations and CPU per single-patient request, in-process
//   pieces <model.json> <patient.json> [repeats]  allocations and time of each step of such a request
var culture = CultureInfo.InvariantCulture;
if (args.Length >= 3 && args[0] == "http")
{
    await Predictor.Benchmarks.Worker.HttpAllocations.Run(Path.GetFullPath(args[1]), args[2], args.Length > 3 ? int.Parse(args[3], culture) : 50_000);
    return 0;
}
if (args.Length >= 3 && args[0] == "pieces")
{
    Predictor.Benchmarks.Worker.RequestPieces.Run(Path.GetFullPath(args[1]), args[2], args.Length > 3 ? int.Parse(args[3], culture) : 20_000);
    return 0;
}
if (args.Length < 3 || args[0] != "inbox")
{
    Console.Error.WriteLine("usage: Predictor.Benchmarks.Worker inbox <model.json> <file.parquet> [repeats] | http <model.json> <patient.json> [requests]");
    return 2;
}
args = args[1..];
var model = ModelLoader.Load(Path.GetFullPath(args[0]), TimeProvider.System);
string input = Path.GetFullPath(args[1]);
int repeats = args.Length > 2 ? int.Parse(args[2], culture) : 3;
bool settle = args.Length > 3 && args[3] == "settle";
Console.WriteLine($"{(settle ? "settled between stages; " : "")}model {model.ShortVersion} ({model.Ensemble.Trees.Count} trees), {Environment.ProcessorCount} cores");
for (int run = 0; run < repeats; run++)
{
    double read = 0, validate = 0, rows = 0, score = 0, write = 0;
    double readCpu = 0, validateCpu = 0, rowsCpu = 0, scoreCpu = 0, writeCpu = 0;
    // Per stage: bytes this thread allocated and GC pause time, so a stage's CPU can be told apart from collections
    // that earlier stages' garbage caused.
    var stageNames = new[] { "read", "validate", "feature rows", "score", "Parquet output" };
    var allocated = new long[5];
    var paused = new double[5];
    var collections = new int[5, 3];
    var c0 = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
    long a0 = GC.GetAllocatedBytesForCurrentThread();
    var p0 = GC.GetTotalPauseDuration();
    int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
    void Mark(int stage)
    {
        long a1 = GC.GetAllocatedBytesForCurrentThread();
        var p1 = GC.GetTotalPauseDuration();
        allocated[stage] += a1 - a0;
        paused[stage] += (p1 - p0).TotalMilliseconds;
        a0 = a1;
        p0 = p1;
        for (int g = 0; g < 3; g++)
        {
            int c = GC.CollectionCount(g);
            collections[stage, g] += c - c0[g];
            c0[g] = c;
        }
        // Without settling, a collection is charged to whichever stage's allocation happens to trigger it, including
        // the work of promoting what earlier stages left alive.
        if (!settle) return;
        GC.Collect();
        a0 = GC.GetAllocatedBytesForCurrentThread();
        p0 = GC.GetTotalPauseDuration();
        for (int g = 0; g < 3; g++) c0[g] = GC.CollectionCount(g);
    }
    string sinkPath = Path.Combine(Path.GetTempPath(), "worker-bench-sink-" + Environment.ProcessId.ToString(culture) + ".parquet");
    var sinkStream = File.Create(sinkPath);
    var sink = PredictionSink.Open(".parquet", sinkStream, model);
    double t0 = ThreadCpu.Seconds();
    long patients = 0;
    var total = Stopwatch.StartNew();
    var serialCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    foreach (var table in ParquetTableReader.ReadRowGroups(input))
    {
        read += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        double t1 = ThreadCpu.Seconds(); readCpu += t1 - t0; t0 = t1;
        Mark(0);
        if (settle) { t0 = ThreadCpu.Seconds(); watch.Restart(); }
        var loaded = CohortLoader.FromTable(table, input, CohortPurpose.Scoring);
        validate += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        t1 = ThreadCpu.Seconds(); validateCpu += t1 - t0; t0 = t1;
        Mark(1);
        if (settle) { t0 = ThreadCpu.Seconds(); watch.Restart(); }
        var features = ModelInput.FromTable(loaded.Table, model.Ensemble, InputPolicy.Tolerant);
        rows += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        t1 = ThreadCpu.Seconds(); rowsCpu += t1 - t0; t0 = t1;
        Mark(2);
        if (settle) { t0 = ThreadCpu.Seconds(); watch.Restart(); }
        var probabilities = new double[loaded.Table.RowCount];
        model.Score(features, probabilities);
        score += watch.Elapsed.TotalMilliseconds;
        patients += probabilities.Length;
        watch.Restart();
        t1 = ThreadCpu.Seconds(); scoreCpu += t1 - t0; t0 = t1;
        Mark(3);
        if (settle) { t0 = ThreadCpu.Seconds(); watch.Restart(); }
        sink.Write(loaded, probabilities, model);
        write += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        t1 = ThreadCpu.Seconds(); writeCpu += t1 - t0; t0 = t1;
        Mark(4);
        if (settle) { t0 = ThreadCpu.Seconds(); watch.Restart(); }
    }
    sink.Complete();
    sinkStream.Dispose();
    File.Delete(sinkPath);
    Console.WriteLine(string.Create(culture,
        $"stage thread CPU (serial): read {readCpu * 1000:F0} ms, validate {validateCpu * 1000:F0} ms, feature rows {rowsCpu * 1000:F0} ms, score {scoreCpu * 1000:F0} ms, Parquet output {writeCpu * 1000:F0} ms (wall {write:F0} ms); all stages {(readCpu + validateCpu + rowsCpu + scoreCpu + writeCpu) * 1000:F0} ms"));
    Console.WriteLine(string.Create(culture,
        $"allocated MB (this thread) / GC pause ms (collections counted in gen0/gen1/gen2) per stage: {string.Join(", ", stageNames.Select((n, i) => $"{n} {allocated[i] / 1e6:F0} / {paused[i]:F0} ({collections[i, 0]}/{collections[i, 1]}/{collections[i, 2]})"))}; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}"));
    Console.WriteLine(string.Create(culture,
        $"stages (serial): read {read:F0} ms, validate {validate:F0} ms, feature rows {rows:F0} ms, score (1 thread) {score:F0} ms; {patients} patients in {total.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - serialCpu).TotalMilliseconds:F0} ms CPU"));

    string root = Path.Combine(Path.GetTempPath(), "worker-bench-" + Environment.ProcessId.ToString(culture));
    var folders = new WorkerFolders(root);
    foreach (var folder in folders.All) Directory.CreateDirectory(folder);
    var claim = new ClaimedFile("bench", Path.GetFileName(input), input);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    total.Restart();
    var outcome = FileScorer.Score(claim, model, folders, OutputFormats.Same, unchanged: () => true /* nothing writes the benchmark input */, CancellationToken.None);
    double wall = total.Elapsed.TotalMilliseconds;
    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    Console.WriteLine(string.Create(culture,
        $"FileScorer (prefetch + parallel scoring + Parquet output): {outcome.Scored} scored in {wall:F0} ms wall, {cpuMs:F0} ms CPU (all threads)"));
    Directory.Delete(root, recursive: true);
}
return 0;

/// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID): a stage's own cost, without other processes' load.</summary>
internal static class ThreadCpu
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGettime(int clock, out Timespec value);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    public static double Seconds() => ClockGettime(3, out var t) == 0 ? t.Seconds + t.Nanoseconds / 1e9 : double.NaN;
}
