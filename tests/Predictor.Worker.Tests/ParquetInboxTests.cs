using System.Globalization;
using System.Text.Json;
using Predictor.Data.Parquet.Inspection;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed class ParquetInboxTests
{
    private static string[] Outputs(WorkerHost host, string pattern) => Directory.GetFiles(host.Outbox, pattern);

    private static string Folder(WorkerHost host, string name) => Path.Combine(host.DataRoot, name);

    [Fact]
    public async Task A_dropped_parquet_file_is_scored_row_group_by_row_group_into_a_parquet_output()
    {
        await using var host = await WorkerHost.StartAsync();
        string csv = Path.Combine(host.Root, "patients.csv");
        Cohorts.Write(csv, Cohorts.Rows(300));
        var expected = ReferenceScores.Of(csv, host.ModelPath);
        string staged = Path.Combine(host.Root, "patients.parquet");
        ParquetFixtures.FromCsv(csv, staged, rowGroupSize: 128);
        File.Copy(staged, Path.Combine(host.Inbox, "patients.parquet"));

        await WorkerHost.WaitUntil(() => Outputs(host, "*__patients.predictions.parquet").Length == 1, "the predictions");
        string output = Outputs(host, "*.predictions.parquet").Single();
        Assert.Equal(3, ParquetFile.Inspect(output).RowGroups.Count); // one output row group per input row group
        var table = ParquetTableReader.Read(output);
        Assert.Equal(["patient_id", "source_row", "probability", "predicted_resistant"], table.ColumnNames);
        Assert.Equal(300, table.RowCount);
        var ids = (TextColumn)table["patient_id"];
        var probabilities = (NumericColumn)table["probability"];
        var labels = (BooleanColumn)table["predicted_resistant"];
        for (int r = 0; r < table.RowCount; r++)
        {
            var e = expected[ids[r]!];
            Assert.Equal(e.Probability, probabilities.Values[r]);
            Assert.Equal(e.Resistant ? (byte)1 : (byte)0, labels.Values[r]);
        }

        // An independent reader: DuckDB sees the same rows with the declared types.
        using var duck = JsonDocument.Parse(NodeTools.RunOrFail("duckdb-read-parquet.mjs", output));
        Assert.Equal(["VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN"], duck.RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        var rows = duck.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(300, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var e = expected[rows[r][0].GetString()!];
            Assert.Equal(r + 1, long.Parse(rows[r][1].ToString(), CultureInfo.InvariantCulture));
            Assert.Equal(e.Probability, rows[r][2].GetDouble());
            Assert.Equal(e.Resistant, rows[r][3].GetBoolean());
        }

        await WorkerHost.WaitUntil(() => Directory.GetFiles(Folder(host, "done")).Length == 1, "the input in done/");
        Assert.Empty(Directory.GetFiles(Folder(host, "processing")));
        Assert.Empty(Outputs(host, "*.errors.csv"));
        Assert.Empty(Outputs(host, ".*")); // no temporary file left behind
    }

    [Fact]
    public async Task Bad_rows_in_any_row_group_are_reported_with_their_file_row_and_the_rest_scored()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:OutputFormat=csv");
        var rows = Cohorts.Rows(300).ToList();
        var names = Cohorts.Header.Split(',');
        string Edit(string row, string column, string value)
        {
            var cells = row.Split(',');
            cells[Array.IndexOf(names, column)] = value;
            return string.Join(",", cells);
        }
        rows[3] = Edit(rows[3], "sex", "X");                                    // row 4, first row group
        rows[149] = Edit(rows[149], "pten_hscore", "999");                      // row 150, second row group
        rows[259] = Edit(rows[259], "patient_id", rows[1].Split(',')[0]);        // row 260, third: a duplicate of row 2
        string csv = Path.Combine(host.Root, "mixed.csv");
        Cohorts.Write(csv, rows);
        ParquetFixtures.FromCsv(csv, Path.Combine(host.Root, "mixed.parquet"), rowGroupSize: 128);
        File.Copy(Path.Combine(host.Root, "mixed.parquet"), Path.Combine(host.Inbox, "mixed.parquet"));

        await WorkerHost.WaitUntil(() => Outputs(host, "*__mixed.predictions.csv").Length == 1, "the predictions (CSV, as configured)");
        var predicted = File.ReadAllLines(Outputs(host, "*.predictions.csv").Single()).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(297, predicted.Count);
        Assert.DoesNotContain(predicted, c => c[1] is "4" or "150" or "260");
        var report = File.ReadAllLines(Outputs(host, "*__mixed.errors.csv").Single());
        Assert.Equal("row,line,column,problem", report[0]);
        Assert.StartsWith("4,,sex,", report[1], StringComparison.Ordinal);
        Assert.StartsWith("150,,pten_hscore,", report[2], StringComparison.Ordinal);
        Assert.StartsWith("260,,patient_id,duplicate patient_id (the same identifier is on row 2)", report[3], StringComparison.Ordinal);
        Assert.Equal(4, report.Length);
    }

    [Fact]
    public async Task A_parquet_file_damaged_part_way_goes_to_failed_without_a_partial_output()
    {
        await using var host = await WorkerHost.StartAsync();
        string csv = Path.Combine(host.Root, "damaged.csv");
        Cohorts.Write(csv, Cohorts.Rows(300));
        string staged = Path.Combine(host.Root, "damaged.parquet");
        ParquetFixtures.FromCsv(csv, staged, rowGroupSize: 128);
        ParquetFixtures.DamageRowGroup(staged, rowGroup: 2);
        File.Copy(staged, Path.Combine(host.Inbox, "damaged.parquet"));

        string failed = Folder(host, "failed");
        await WorkerHost.WaitUntil(() => Directory.GetFiles(failed, "*.reason.txt").Length == 1, "the reason file");
        string reason = File.ReadAllText(Directory.GetFiles(failed, "*.reason.txt").Single());
        Assert.Contains("Parquet file 'damaged.parquet'", reason, StringComparison.Ordinal);
        Assert.Contains("row group 2", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataRoot, reason, StringComparison.Ordinal); // names the file as sent, not the claim
        Assert.Single(Directory.GetFiles(failed, "*__damaged.parquet"));
        Assert.Empty(Directory.GetFiles(host.Outbox, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_csv_file_can_be_answered_in_parquet_when_configured()
    {
        await using var host = await WorkerHost.StartAsync("--Worker:Inbox:OutputFormat=parquet");
        string staged = Path.Combine(host.Root, "few.csv");
        Cohorts.Write(staged, Cohorts.Rows(20));
        var expected = ReferenceScores.ForCsv(staged, host.ModelPath);
        File.Copy(staged, Path.Combine(host.Inbox, "few.csv"));
        await WorkerHost.WaitUntil(() => Outputs(host, "*__few.predictions.parquet").Length == 1, "the predictions");
        var table = ParquetTableReader.Read(Outputs(host, "*.predictions.parquet").Single());
        var ids = (TextColumn)table["patient_id"];
        var probabilities = (NumericColumn)table["probability"];
        Assert.Equal(expected.Count, table.RowCount);
        for (int r = 0; r < table.RowCount; r++) Assert.Equal(expected[ids[r]!], probabilities.Values[r]);
    }
}
