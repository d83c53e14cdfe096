using System.Diagnostics;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Predictor.Worker.Tests;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Files = 8;

    private static Process StartWorker(WorkerHost host)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(WorkerApp).Assembly.Location);
        foreach (var argument in host.Arguments("--Worker:Inbox:SettleTime=00:00:00")) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task Killing_the_worker_at_random_points_then_restarting_gives_exactly_one_complete_output_per_file()
    {
        await using var host = WorkerHost.Create();
        Directory.CreateDirectory(host.Inbox);
        var expected = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        for (int f = 0; f < Files; f++)
        {
            // Half the files are Parquet (streamed row group by row group into a Parquet output), half CSV.
            string csv = Path.Combine(host.Root, $"batch{f}.csv");
            Cohorts.Write(csv, Cohorts.Rows(2500, skip: f * 300));
            string name = f % 2 == 0 ? $"batch{f}.csv" : $"batch{f}.parquet";
            string staged = Path.Combine(host.Root, name);
            if (f % 2 == 1) ParquetFixtures.FromCsv(csv, staged, rowGroupSize: 500);
            expected[name] = ReferenceScores.ForCsv(csv, host.ModelPath);
            File.Copy(staged, Path.Combine(host.Inbox, name));
        }

        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        for (int kill = 0; kill < 4; kill++)
        {
            using var worker = StartWorker(host);
            await Task.Delay(random.Next(150, 900));
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        using (var last = StartWorker(host))
        {
            string done = Path.Combine(host.DataRoot, "done");
            await WorkerHost.WaitUntil(() => Directory.Exists(done) && Directory.GetFiles(done).Length == Files, "every file in done/", 60);
            last.Kill(entireProcessTree: true);
            await last.WaitForExitAsync();
        }

        Assert.Empty(Directory.GetFiles(host.Inbox));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataRoot, "processing")));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataRoot, "failed")));
        Assert.Empty(Directory.GetFiles(host.Outbox, "*.tmp"));
        var outputs = Directory.GetFiles(host.Outbox);
        Assert.Equal(Files, outputs.Length);
        foreach (var (name, scores) in expected)
        {
            string stem = Path.GetFileNameWithoutExtension(name);
            string extension = Path.GetExtension(name);
            string file = Assert.Single(outputs, o => o.EndsWith("__" + stem + ".predictions" + extension, StringComparison.Ordinal));
            if (extension == ".parquet")
            {
                var table = ParquetTableReader.Read(file);
                var ids = (TextColumn)table["patient_id"];
                var probabilities = (NumericColumn)table["probability"];
                Assert.Equal(scores.Count, table.RowCount);
                for (int r = 0; r < table.RowCount; r++) Assert.Equal(scores[ids[r]!], probabilities.Values[r]);
                continue;
            }
            var lines = File.ReadAllLines(file);
            Assert.Equal("patient_id,source_row,probability,predicted_resistant", lines[0]);
            Assert.Equal(scores.Count, lines.Length - 1);
            foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
                Assert.Equal(scores[cells[0]], double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
