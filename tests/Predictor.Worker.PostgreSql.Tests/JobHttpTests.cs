using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>A job submitted as an upload with bad rows, fetched as CSV and Parquet, its rejected rows as CSV.</summary>
[Collection(FleetCollection.Name)]
public sealed class JobHttpTests(SharedCluster shared)
{
    [PeerFact(Peers.PostgreSql)]
    public async Task An_uploaded_csv_is_scored_its_bad_rows_counted_and_its_results_fetched_as_csv_and_parquet()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Jobs:ChunkRows=300", "--Worker:Jobs:PollInterval=00:00:00.100");
        var rows = Cohorts.Rows(1000).ToList();
        rows[10] = rows[10].Replace(",M,", ",X,", StringComparison.Ordinal).Replace(",F,", ",X,", StringComparison.Ordinal);
        string csv = Path.Combine(host.Root, "upload.csv");
        Cohorts.Write(csv, rows);
        var expected = ReferenceScores.ForCsv(csv, host.ModelPath);
        Assert.Equal(999, expected.Count);

        var content = new ByteArrayContent(await File.ReadAllBytesAsync(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var submitted = await host.Client.PostAsync("/v1/jobs?name=upload.csv", content);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement;
        string id = job.GetProperty("jobId").GetString()!;
        Assert.Equal(999, job.GetProperty("totalRows").GetInt32());
        Assert.Equal(1, job.GetProperty("rejectedRows").GetInt32());
        Assert.Equal(4, job.GetProperty("chunks").GetInt32());

        await WorkerHost.WaitUntilAsync(async () =>
            JsonDocument.Parse(await host.Client.GetStringAsync($"/v1/jobs/{id}")).RootElement.GetProperty("state").GetString() == "completed",
            "the job to complete");

        var lines = (await host.Client.GetStringAsync($"/v1/jobs/{id}/results?format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        foreach (string line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(expected[cells[0]], double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual("11", cells[1]); // data row 11 was the bad one
        }

        string parquet = Path.Combine(host.Root, "results.parquet");
        await File.WriteAllBytesAsync(parquet, await host.Client.GetByteArrayAsync($"/v1/jobs/{id}/results?format=parquet"));
        var table = ParquetTableReader.Read(parquet);
        Assert.Equal(999, table.RowCount);
        var ids = (TextColumn)table["patient_id"];
        var probabilities = (NumericColumn)table["probability"];
        for (int r = 0; r < table.RowCount; r++) Assert.Equal(expected[ids[r]!], probabilities[r]);

        // The rejected row, as the inbox's .errors.csv lists it (data row 11 is line 12 of the file), over HTTP and the CLI.
        var errors = (await host.Client.GetStringAsync($"/v1/jobs/{id}/errors")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,line,column,problem", errors[0]);
        Assert.StartsWith("11,12,sex,", Assert.Single(errors.Skip(1)), StringComparison.Ordinal);
        Assert.DoesNotContain(rows[10].Split(',')[0], errors[1], StringComparison.Ordinal); // never the patient id
        string errorsFile = Path.Combine(host.Root, "rejected.csv");
        var fetched = CliFleetTests.Cli("jobs", "fetch", id, "--errors", "--out", errorsFile, "--worker", host.Client.BaseAddress!.ToString());
        Assert.Equal(0, fetched.Exit);
        Assert.Equal(errors, File.ReadAllLines(errorsFile));
        var parquetErrors = CliFleetTests.Cli("jobs", "fetch", id, "--errors", "--out", parquet, "--worker", host.Client.BaseAddress!.ToString());
        Assert.Equal(2, parquetErrors.Exit);
        Assert.Contains("the rejected rows come as CSV", parquetErrors.Err, StringComparison.Ordinal);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task Results_of_an_unfinished_or_unknown_job_are_refused_with_the_reason()
    {
        string connectionString = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={connectionString}");

        using var unknown = await host.Client.GetAsync($"/v1/jobs/{Guid.NewGuid()}/results");
        using var unknownErrors = await host.Client.GetAsync($"/v1/jobs/{Guid.NewGuid()}/errors");
        using var unknownCancel = await host.Client.PostAsync($"/v1/jobs/{Guid.NewGuid()}/cancel", null);
        using var notAnId = await host.Client.GetAsync("/v1/jobs/nope");
        using var badType = await host.Client.PostAsync("/v1/jobs", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownErrors.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, badType.StatusCode);
    }
}
