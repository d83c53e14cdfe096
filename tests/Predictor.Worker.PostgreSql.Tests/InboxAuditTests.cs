using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Audit;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>Files dropped into a fleet worker's own inbox/ are in the audit trail (channel inbox), as their outputs say.</summary>
[Collection(FleetCollection.Name)]
public sealed class InboxAuditTests(SharedCluster shared)
{
    private sealed record OutputRow(int SourceRow, double Probability, bool PredictedResistant);

    private sealed record TrailRow(string RequestId, int Item, string ModelVersion, string PatientRef, bool Hashed, double Probability, bool PredictedResistant, bool HasJob);

    /// <summary>
    /// <paramref name="count"/> patients cut from the simulated cohort (ids made unique with a suffix when the cohort
    /// is repeated), with rows 4 and 7 broken so that the contract check rejects them.
    /// </summary>
    private static (List<string> Rows, string[] RejectedIds) FileRows(int count)
    {
        var source = Cohorts.Rows(5000);
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            string row = source[i % source.Count];
            return i < source.Count ? row : row.Insert(row.IndexOf(',', StringComparison.Ordinal), "-r" + (i / source.Count).ToString(CultureInfo.InvariantCulture));
        }).ToList();
        rows[3] = rows[3].Replace(",M,", ",X,", StringComparison.Ordinal).Replace(",F,", ",X,", StringComparison.Ordinal);
        var cells = rows[6].Split(',');
        cells[1] = "old"; // age_years
        rows[6] = string.Join(",", cells);
        return (rows, [rows[3].Split(',')[0], rows[6].Split(',')[0]]);
    }

    /// <summary>Writes the file beside the inbox and renames it in, as a careful sender does.</summary>
    private static void Drop(WorkerHost host, string name, IEnumerable<string> rows)
    {
        string staged = Path.Combine(host.Root, name);
        Cohorts.Write(staged, rows);
        File.Move(staged, Path.Combine(host.Inbox, name));
    }

    private static async Task<Dictionary<string, OutputRow>> ScoredOutput(WorkerHost host)
    {
        await WorkerHost.WaitUntil(() => Directory.GetFiles(Path.Combine(host.DataRoot, "done")).Length == 1, "the input in done/", 120);
        string output = Directory.GetFiles(host.Outbox, "*.predictions.csv").Single();
        return File.ReadLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(
            c => c[0],
            c => new OutputRow(int.Parse(c[1], CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture), bool.Parse(c[3])),
            StringComparer.Ordinal);
    }

    private static async Task<List<TrailRow>> InboxTrail(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(
            "SELECT request_id, item, model_version, patient_ref, patient_ref_hashed, probability, predicted_resistant, job_id IS NOT NULL FROM audit_trail WHERE channel = 'inbox'");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<TrailRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new TrailRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetDouble(5), reader.GetBoolean(6), reader.GetBoolean(7)));
        }
        return rows;
    }

    /// <summary>The model's version as the worker defines it: SHA-256 of the file's bytes, computed here independently.</summary>
    private static string FileVersion(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void AssertTrailIsTheOutput(IReadOnlyList<TrailRow> trail, Dictionary<string, OutputRow> output, Func<string, string> refOf, bool hashed, string version)
    {
        Assert.Equal(output.Count, trail.Count);
        var byRef = trail.ToDictionary(t => t.PatientRef, StringComparer.Ordinal);
        foreach (var (id, row) in output)
        {
            var recorded = byRef[refOf(id)];
            Assert.Equal((row.SourceRow, row.Probability, row.PredictedResistant), (recorded.Item, recorded.Probability, recorded.PredictedResistant));
            Assert.Equal((hashed, false, version), (recorded.Hashed, recorded.HasJob, recorded.ModelVersion));
        }
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task A_csv_dropped_into_a_fleet_workers_inbox_is_in_the_trail_row_for_row_as_its_output_says_under_one_request_id()
    {
        string db = await shared.Cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={db}", "--Logging:LogLevel:Predictor.Worker.Inbox.InboxProcessor=Information");
        // More rows than one audit batch (20,000), so the file's rows go in by several COPY transactions.
        var (rows, rejected) = FileRows(25_000);
        Drop(host, "registry.csv", rows);

        var output = await ScoredOutput(host);
        Assert.Equal(rows.Count - 2, output.Count);
        var trail = await InboxTrail(db);

        AssertTrailIsTheOutput(trail, output, id => id, hashed: false, FileVersion(host.ModelPath));
        foreach (string id in rejected) Assert.DoesNotContain(trail, t => t.PatientRef == id);
        string requestId = Assert.Single(trail.Select(t => t.RequestId).Distinct());
        Assert.True(Guid.TryParse(requestId, out _), requestId);
        var scored = Assert.Single(host.Log.Entries, e => e.Event.Id == 2010);
        Assert.Contains("Scored registry.csv: 24998 patients, 2 rows rejected", scored.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(audit request {requestId})", scored.Message, StringComparison.Ordinal);

        // The CLI answers "what did we tell this patient" with the inbox row.
        string patient = output.Keys.First();
        var (exit, text, _) = CliFleetTests.Cli("audit", "--patient", patient, "--database", db);
        Assert.Equal(0, exit);
        Assert.Contains($"\tinbox\t{requestId}\t{output[patient].SourceRow}\t", text, StringComparison.Ordinal);
        var records = await new AuditStore(new FleetDatabase(db)).ForPatientAsync(patient);
        Assert.Equal(AuditChannel.Inbox, Assert.Single(records).Channel);
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task With_hashed_ids_an_inbox_file_is_in_the_trail_by_keyed_hash_only()
    {
        string db = await shared.Cluster.CreateDatabaseAsync();
        const string key = "a-fleet-secret-of-some-length";
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={db}", "--Worker:Audit:HashIds=true", $"--Worker:Audit:HashKey={key}");
        var (rows, _) = FileRows(40);
        Drop(host, "clinic.csv", rows);

        var output = await ScoredOutput(host);
        var trail = await InboxTrail(db);

        // Independent HMAC: System.Security.Cryptography directly, over the UTF-8 id.
        string Hash(string id) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(id)));
        AssertTrailIsTheOutput(trail, output, Hash, hashed: true, FileVersion(host.ModelPath));
        Assert.DoesNotContain(trail, t => output.ContainsKey(t.PatientRef));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task An_inbox_file_scored_while_the_database_is_down_reaches_the_trail_when_it_is_back_none_lost_none_twice()
    {
        // Its own cluster: stopping the shared one would disturb the other tests.
        await using var cluster = await PostgresCluster.StartAsync();
        string db = await cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={db}", "--Worker:Database:RetryInterval=00:00:00.200");
        await cluster.StopServerAsync();
        var (rows, _) = FileRows(25_000);
        Drop(host, "overnight.csv", rows);

        // Scoring does not wait for the database: the output is committed and the rows wait in the spool.
        var output = await ScoredOutput(host);
        string spool = Path.Combine(host.DataRoot, "audit-spool");
        Assert.Equal(2, Directory.GetFiles(spool, "*.jsonl").Length); // 20,000 + 4,998 rows

        await cluster.StartServerAsync();
        await WorkerHost.WaitUntil(() => Directory.GetFiles(spool, "*.jsonl").Length == 0, "the spool to empty", 60);
        var trail = await InboxTrail(db);
        AssertTrailIsTheOutput(trail, output, id => id, hashed: false, FileVersion(host.ModelPath));
        Assert.Single(trail.Select(t => t.RequestId).Distinct());
    }
}
