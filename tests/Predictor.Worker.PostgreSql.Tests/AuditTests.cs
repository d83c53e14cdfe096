using System.Net;
using System.Text;
using Npgsql;
using Predictor.Tests.Common;
using Predictor.Worker.PostgreSql.Audit;
using Predictor.Worker.PostgreSql.Tests.Support;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.PostgreSql.Tests;

/// <summary>The audit trail of HTTP predictions, including across a database restart.</summary>
public sealed class AuditTests
{
    [PeerFact(Peers.PostgreSql)]
    public async Task A_database_restart_during_http_load_loses_no_audit_row_and_duplicates_none()
    {
        // Its own cluster: stopping the shared one would disturb the other tests.
        await using var cluster = await PostgresCluster.StartAsync();
        string connectionString = await cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Database:RetryInterval=00:00:00.200", "--Worker:Audit:MaxBatch=50");
        var patients = Cohorts.Rows(40).Select(Cohorts.ToJsonObject).ToList();
        var requestIds = new System.Collections.Concurrent.ConcurrentBag<string>();
        int scored = 0;
        using var stop = new CancellationTokenSource();

        async Task Client(int seed)
        {
            for (int i = seed; !stop.IsCancellationRequested; i++)
            {
                // One or three patients per request, so items and requests are both counted.
                string body = i % 2 == 0 ? patients[i % patients.Count] : "[" + string.Join(",", patients.Skip(i % 30).Take(3)) + "]";
                using var response = await host.Client.PostAsync("/v1/score", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                requestIds.Add(response.Headers.GetValues("X-Request-Id").Single());
                Interlocked.Add(ref scored, i % 2 == 0 ? 1 : 3);
            }
        }

        var clients = Enumerable.Range(0, 3).Select(c => Task.Run(() => Client(c * 1000))).ToList();
        await Task.Delay(700);
        await cluster.StopServerAsync();
        int whileDown = Volatile.Read(ref scored);
        await Task.Delay(1500);
        Assert.True(Volatile.Read(ref scored) > whileDown, "HTTP scoring must go on while the database is down");
        await cluster.StartServerAsync();
        await Task.Delay(700);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        await using var db = NpgsqlDataSource.Create(connectionString);
        await WorkerHost.WaitUntilAsync(async () => await Count(db, "SELECT count(*) FROM audit") >= scored, "every audit row to arrive", 30);
        Assert.Equal(scored, await Count(db, "SELECT count(*) FROM audit"));
        Assert.Equal(requestIds.Count, await Count(db, "SELECT count(DISTINCT request_id) FROM audit"));
        string spool = Path.Combine(host.DataRoot, "audit-spool");
        await WorkerHost.WaitUntil(() => Directory.GetFiles(spool, "*.jsonl").Length == 0, "the spool to empty");
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task With_hashed_ids_the_trail_holds_the_keyed_hash_and_a_replayed_spool_file_is_stored_once()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        string connectionString = await cluster.CreateDatabaseAsync();
        const string key = "a-fleet-secret-of-some-length";
        await using var host = await WorkerHost.StartAsync(
            $"--Worker:Database:ConnectionString={connectionString}", "--Worker:Audit:HashIds=true", $"--Worker:Audit:HashKey={key}");
        string row = Cohorts.Rows(1).Single();
        string id = row.Split(',')[0];
        using var response = await host.Client.PostAsync("/v1/score", new StringContent(Cohorts.ToJsonObject(row), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();

        await using var database = new FleetDatabase(connectionString);
        var audit = new AuditStore(database);
        // Independent HMAC: System.Security.Cryptography directly, over the UTF-8 id.
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(id)));
        await WorkerHost.WaitUntilAsync(async () => (await audit.ForPatientAsync(expected)).Count == 1, "the hashed audit row");
        Assert.Empty(await audit.ForPatientAsync(id));
        var record = (await audit.ForPatientAsync(expected)).Single();
        Assert.True(record.PatientRefHashed);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), record.RequestId);

        // Writing the same batch again (a spool replayed after a lost acknowledgement) adds nothing.
        await audit.WriteAsync([record, record with { }]);
        Assert.Single(await audit.ForPatientAsync(expected));
    }

    [PeerFact(Peers.PostgreSql)]
    public async Task FHIR_and_CDS_Hooks_answers_are_in_the_trail_as_the_caller_saw_them()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        string connectionString = await cluster.CreateDatabaseAsync();
        await using var host = await WorkerHost.StartAsync($"--Worker:Database:ConnectionString={connectionString}");
        string fixtures = Path.Combine(RepoPaths.Root, "tests", "Predictor.Fhir.Tests", "Fixtures");
        static StringContent Json(string path) => new(File.ReadAllText(path), Encoding.UTF8, "application/json");

        using var fhir = await host.Client.PostAsync("/v1/score/fhir?indexDate=2026-02-01", Json(Path.Combine(fixtures, "ehr-export.bundle.json")));
        string fhirText = await fhir.Content.ReadAsStringAsync();
        Assert.True(fhir.StatusCode == HttpStatusCode.OK, fhirText);
        using var fhirAnswer = System.Text.Json.JsonDocument.Parse(fhirText);
        var answered = fhirAnswer.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("patientId").GetString()!, r => r.GetProperty("probability").GetDouble());
        Assert.NotEmpty(answered);
        string fhirRequest = fhir.Headers.GetValues("X-Request-Id").Single();

        using var cds = await host.Client.PostAsync("/cds-services/hcc-resistance-patient-view", Json(Path.Combine(fixtures, "patient-view.request.json")));
        string cdsText = await cds.Content.ReadAsStringAsync();
        Assert.True(cds.StatusCode == HttpStatusCode.OK, cdsText);
        using var card = System.Text.Json.JsonDocument.Parse(cdsText);
        double cardProbability = card.RootElement.GetProperty("cards")[0].GetProperty("extension").GetProperty("hcc-predictor.probability").GetDouble();
        string cdsRequest = cds.Headers.GetValues("X-Request-Id").Single();

        await using var database = new FleetDatabase(connectionString);
        var audit = new AuditStore(database);
        await WorkerHost.WaitUntilAsync(async () => (await audit.ForPatientAsync("hcc-001")).Count == 2, "the FHIR and CDS audit rows of hcc-001");
        var rows = await audit.ForPatientAsync("hcc-001");
        var fromFhir = Assert.Single(rows, r => r.RequestId == fhirRequest);
        Assert.Equal(answered["hcc-001"], fromFhir.Probability);
        var fromCds = Assert.Single(rows, r => r.RequestId == cdsRequest);
        Assert.Equal(cardProbability, fromCds.Probability);
        Assert.All(rows, r => Assert.Equal(AuditChannel.Http, r.Channel));
        foreach (var (patient, probability) in answered.Where(a => a.Key != "hcc-001"))
        {
            await WorkerHost.WaitUntilAsync(async () => (await audit.ForPatientAsync(patient)).Count == 1, "the FHIR audit row of " + patient);
            Assert.Equal(probability, (await audit.ForPatientAsync(patient)).Single().Probability);
        }
    }

    private static async Task<long> Count(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
