using System.Globalization;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed class InboxTests
{
    private static string[] Outputs(WorkerHost host, string pattern) => Directory.GetFiles(host.Outbox, pattern);

    private static Dictionary<string, double> ReadPredictions(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => double.Parse(c[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [Fact]
    public async Task A_dropped_csv_is_scored_to_the_outbox_and_moved_to_done()
    {
        await using var host = await WorkerHost.StartAsync();
        string staged = Path.Combine(host.Root, "patients.csv");
        Cohorts.Write(staged, Cohorts.Rows(300));
        var expected = ReferenceScores.ForCsv(staged, host.ModelPath);
        File.Copy(staged, Path.Combine(host.Inbox, "patients.csv"));

        await WorkerHost.WaitUntil(() => Outputs(host, "*__patients.predictions.csv").Length == 1, "the predictions");
        var predictions = ReadPredictions(Outputs(host, "*.predictions.csv").Single());
        Assert.Equal(expected.Count, predictions.Count);
        foreach (var (id, p) in expected) Assert.Equal(p, predictions[id]);
        await WorkerHost.WaitUntil(() => Directory.GetFiles(Path.Combine(host.DataRoot, "done")).Length == 1, "the input in done/");
        Assert.Empty(Directory.GetFiles(host.Inbox));
        Assert.Empty(Directory.GetFiles(Path.Combine(host.DataRoot, "processing")));
        Assert.Empty(Outputs(host, "*.errors.csv"));
    }

    [Fact]
    public async Task Bad_rows_are_reported_beside_the_output_and_good_rows_scored()
    {
        await using var host = await WorkerHost.StartAsync();
        var rows = Cohorts.Rows(10).ToList();
        rows[3] = rows[3].Replace(",M,", ",X,", StringComparison.Ordinal).Replace(",F,", ",X,", StringComparison.Ordinal);
        var cells = rows[6].Split(',');
        cells[1] = "old"; // age_years
        rows[6] = string.Join(",", cells);
        Cohorts.Write(Path.Combine(host.Inbox, "mixed.csv"), rows);

        await WorkerHost.WaitUntil(() => Outputs(host, "*.predictions.csv").Length == 1, "the predictions");
        var predictions = ReadPredictions(Outputs(host, "*.predictions.csv").Single());
        Assert.Equal(8, predictions.Count);
        var report = File.ReadAllLines(Outputs(host, "*__mixed.errors.csv").Single());
        Assert.Equal("row,line,column,problem", report[0]);
        Assert.StartsWith("4,5,sex,", report[1], StringComparison.Ordinal);
        Assert.StartsWith("7,8,age_years,", report[2], StringComparison.Ordinal);
        Assert.Equal(3, report.Length);
    }

    [Theory]
    [InlineData("no-id.csv", "patient_id")]
    [InlineData("cohort.parquet", "Parquet file 'cohort.parquet' is not Parquet or is truncated: it does not start and end with the PAR1 marker")]
    [InlineData("notes.txt", "'.txt' files are not read")]
    public async Task An_unusable_file_goes_to_failed_with_its_reason(string name, string reason)
    {
        await using var host = await WorkerHost.StartAsync();
        string content = name.EndsWith(".csv", StringComparison.Ordinal)
            ? string.Join("\n", Cohorts.Rows(5).Prepend(Cohorts.Header).Select(l => l[(l.IndexOf(',', StringComparison.Ordinal) + 1)..]))
            : "PAR1 not really";
        File.WriteAllText(Path.Combine(host.Inbox, name), content);
        string failed = Path.Combine(host.DataRoot, "failed");
        await WorkerHost.WaitUntil(() => Directory.GetFiles(failed, "*.reason.txt").Length == 1, "the reason file");
        Assert.Contains(reason, File.ReadAllText(Directory.GetFiles(failed, "*.reason.txt").Single()), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(failed, "*__" + name));
        Assert.Empty(Outputs(host, "*"));
    }

    [Fact]
    public async Task Files_being_written_are_not_claimed_half_way()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:SettleTime=00:00:00.600");
        string part = Path.Combine(host.Inbox, "slow.csv.part");
        string growing = Path.Combine(host.Inbox, "growing.csv");
        var rows = Cohorts.Rows(40);
        File.WriteAllText(part, Cohorts.Header + "\n");
        File.WriteAllText(growing, Cohorts.Header + "\n");
        // Append a row every 50 ms: the file never settles until the writer stops.
        foreach (var row in rows)
        {
            File.AppendAllText(growing, row + "\n");
            File.AppendAllText(part, row + "\n");
            await Task.Delay(25);
        }
        Assert.True(File.Exists(growing), "a file still growing was claimed");
        File.Move(part, Path.Combine(host.Inbox, "slow.csv"));
        await WorkerHost.WaitUntil(() => Outputs(host, "*.predictions.csv").Length == 2, "both outputs");
        foreach (var output in Outputs(host, "*.predictions.csv")) Assert.Equal(rows.Count, ReadPredictions(output).Count);
    }
}
