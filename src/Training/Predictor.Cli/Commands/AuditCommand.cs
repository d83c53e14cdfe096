using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor audit --patient ID</c>: what the fleet told about a patient, and with which model.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var database = FleetConnection.Option();
        var patient = new Option<string>("--patient") { Description = "The patient id.", Required = true };
        var key = new Option<string>("--hash-key")
        {
            Description = "The fleet's Worker:Audit:HashKey, when workers store keyed hashes of ids (default: the PREDICTOR_AUDIT_HASH_KEY environment variable).",
        };
        var command = new Command("audit", "List every prediction the fleet made for one patient (HTTP, job or inbox file): when, which model, which request or job, what it said.")
        {
            patient, key, database,
        };
        command.SetAction(async (parse, cancellation) => await FleetConnection.Run(parse.GetValue(database), async db =>
        {
            string id = parse.GetValue(patient)!;
            string? hashKey = parse.GetValue(key) is { Length: > 0 } k ? k : Environment.GetEnvironmentVariable("PREDICTOR_AUDIT_HASH_KEY");
            var store = new AuditStore(db);
            var records = new List<AuditRecord>(await store.ForPatientAsync(id, cancellation).ConfigureAwait(false));
            if (!string.IsNullOrEmpty(hashKey))
            {
                string hashed = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hashKey), Encoding.UTF8.GetBytes(id)));
                records.AddRange(await store.ForPatientAsync(hashed, cancellation).ConfigureAwait(false));
            }
            var output = parse.InvocationConfiguration.Output;
            if (records.Count == 0)
            {
                output.WriteLine(string.IsNullOrEmpty(hashKey)
                    ? "no predictions recorded for this patient (if the fleet hashes ids, pass --hash-key)."
                    : "no predictions recorded for this patient.");
                return ExitCode.Success;
            }
            output.WriteLine("predicted_at\tchannel\trequest_or_job\titem\tmodel_version\tprobability\tpredicted_resistant");
            foreach (var r in records.OrderBy(r => r.PredictedAt))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.PredictedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\t{AuditChannels.Name(r.Channel)}\t{r.RequestId}\t{r.Item}\t{r.ModelVersion}\t{r.Probability:R}\t{(r.PredictedResistant ? "true" : "false")}"));
            }
            return ExitCode.Success;
        }, cancellation).ConfigureAwait(false));
        return command;
    }
}
