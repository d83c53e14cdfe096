using System.Globalization;
using System.Text;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

/// <summary>
/// Files claimed while their writer was only pausing (issue 16): the worker must never lose or half-read rows without
/// saying so. Writers here keep the file open and pause for longer than the settle time, as a slow export would.
/// </summary>
public sealed class InboxWriterTests
{
    private static string[] Outputs(WorkerHost host, string pattern) => Directory.GetFiles(host.Outbox, pattern);

    private static Dictionary<string, double> ReadPredictions(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => double.Parse(c[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static int PredictionCount(WorkerHost host)
    {
        var files = Outputs(host, "*.predictions.csv");
        return files.Length == 1 ? File.ReadAllLines(files[0]).Length - 1 : -1;
    }

    private static FileStream OpenForWriting(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    private static async Task Write(FileStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    [Fact]
    public async Task Rows_written_after_a_pause_longer_than_the_settle_time_are_scored_not_lost()
    {
        // Settle 0.1 s; the writer pauses 1.2 s between two halves of the file, holding it open throughout.
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(100);
        string staged = Path.Combine(host.Root, "g1.csv");
        Cohorts.Write(staged, rows);
        var expected = ReferenceScores.ForCsv(staged, host.ModelPath);

        await using (var writer = OpenForWriting(Path.Combine(host.Inbox, "g1.csv")))
        {
            await Write(writer, Cohorts.Header + "\n" + string.Join("\n", rows.Take(50)) + "\n");
            await Task.Delay(1200);
            await Write(writer, string.Join("\n", rows.Skip(50)) + "\n");
        }

        await WorkerHost.WaitUntil(() => PredictionCount(host) == 100, "an output with all 100 patients");
        var predictions = ReadPredictions(Outputs(host, "*.predictions.csv").Single());
        foreach (var (id, p) in expected) Assert.Equal(p, predictions[id]);
        await WorkerHost.WaitUntil(() => Directory.GetFiles(Path.Combine(host.DataRoot, "done")).Length == 1, "the input in done/");
        Assert.Equal(File.ReadAllBytes(staged), File.ReadAllBytes(Directory.GetFiles(Path.Combine(host.DataRoot, "done")).Single()));
        // The worker said that the first read was not the whole file.
        Assert.Contains(host.Log.Entries, e => e.Event.Id is 2007 or 2008);
    }

    [Fact]
    public async Task A_row_cut_inside_a_cell_is_not_scored_from_the_cut_value()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:UnterminatedWait=00:00:05");
        var rows = Cohorts.Rows(11);
        string staged = Path.Combine(host.Root, "cut.csv");
        Cohorts.Write(staged, rows);
        var expected = ReferenceScores.ForCsv(staged, host.ModelPath);
        string whole = File.ReadAllText(staged);
        // Cut the last row inside its p_akt_hscore cell (column 14): "213" is written as "2" first.
        string last = rows[^1];
        int cell = Enumerable.Range(0, 13).Aggregate(-1, (at, _) => last.IndexOf(',', at + 1));
        int cut = whole.Length - last.Length - 1 + cell + 2;

        await using (var writer = OpenForWriting(Path.Combine(host.Inbox, "cut.csv")))
        {
            await Write(writer, whole[..cut]);
            await Task.Delay(1200);
            await Write(writer, whole[cut..]);
        }

        await WorkerHost.WaitUntil(() => PredictionCount(host) == 11, "an output with all 11 patients");
        var predictions = ReadPredictions(Outputs(host, "*.predictions.csv").Single());
        foreach (var (id, p) in expected) Assert.Equal(p, predictions[id]);
        Assert.Empty(Outputs(host, "*.errors.csv"));
    }

    [Fact]
    public async Task A_last_line_that_never_gets_its_line_end_is_reported_not_scored()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:UnterminatedWait=00:00:00.500");
        var rows = Cohorts.Rows(6);
        File.WriteAllText(Path.Combine(host.Inbox, "abandoned.csv"), Cohorts.Header + "\n" + string.Join("\n", rows)[..^4]);

        // The error report is committed just before the predictions.
        await WorkerHost.WaitUntil(() => Outputs(host, "*.errors.csv").Length == 1 && PredictionCount(host) >= 0, "both outputs");
        Assert.Equal(5, PredictionCount(host));
        var report = File.ReadAllLines(Outputs(host, "*.errors.csv").Single());
        Assert.StartsWith("6,7,\"\",\"the last line has no line end", report[1], StringComparison.Ordinal);
        Assert.Equal(2, report.Length);
    }

    [Fact]
    public async Task A_file_that_keeps_changing_after_its_claim_fails_saying_it_was_still_being_written()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:StillWritingTimeout=00:00:01");
        var rows = Cohorts.Rows(40);
        await using (var writer = OpenForWriting(Path.Combine(host.Inbox, "slow.csv")))
        {
            await Write(writer, Cohorts.Header + "\n");
            // Ten rows at a time with pauses past the settle time, for longer than the timeout.
            foreach (var chunk in rows.Chunk(10))
            {
                await Write(writer, string.Join("\n", chunk) + "\n");
                await Task.Delay(500);
            }
        }

        string failed = Path.Combine(host.DataRoot, "failed");
        await WorkerHost.WaitUntil(() => Directory.GetFiles(failed, "*.reason.txt").Length == 1, "the reason file");
        Assert.Contains("still being written", File.ReadAllText(Directory.GetFiles(failed, "*.reason.txt").Single()), StringComparison.Ordinal);
        // No partial output is left behind as if it were the file's result.
        Assert.Empty(Outputs(host, "*.predictions.csv"));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataRoot, "done")));
    }

    [Fact]
    public async Task A_header_less_fragment_goes_to_failed_and_no_cell_value_is_logged()
    {
        // What appending with >> in chunks produces once the first chunk was claimed: rows without the header.
        await using var host = await WorkerHost.StartAsync();
        // Rows 6 to 10 of the cohort: the first has every miRNA, so as a header it has no empty name.
        var rows = Cohorts.Rows(5, skip: 5);
        File.WriteAllText(Path.Combine(host.Inbox, "fragment.csv"), string.Join("\n", rows) + "\n");

        string failed = Path.Combine(host.DataRoot, "failed");
        await WorkerHost.WaitUntil(() => Directory.GetFiles(failed, "*.reason.txt").Length == 1, "the reason file");
        string reason = File.ReadAllText(Directory.GetFiles(failed, "*.reason.txt").Single());
        Assert.Contains(".part", reason, StringComparison.Ordinal);
        var warning = Assert.Single(host.Log.Entries, e => e.Event.Id == 2002);
        Assert.Contains("fragment.csv", warning.Message, StringComparison.Ordinal);
        // Not one cell of the fragment (its identifiers, categories or numbers) appears anywhere in the log.
        var cells = rows.SelectMany(r => r.Split(',')).Where(c => c.Length >= 2).Distinct(StringComparer.Ordinal);
        string logged = host.Log.AllText;
        Assert.All(cells, c => Assert.DoesNotContain("'" + c + "'", logged, StringComparison.Ordinal));
        Assert.DoesNotContain(rows[0].Split(',')[0], logged, StringComparison.Ordinal);
    }
}
