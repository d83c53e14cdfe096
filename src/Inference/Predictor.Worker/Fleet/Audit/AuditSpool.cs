using System.Globalization;
using System.Text.Json;
using Predictor.Worker.PostgreSql.Audit;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// Audit rows waiting on disk while the database is unreachable: one JSON-lines file per batch, written to a
/// temporary name and renamed, so a file present is a whole batch. Files are replayed oldest first and deleted only
/// after their rows are committed; a replay of rows already stored is harmless (the audit key skips them).
/// </summary>
internal sealed class AuditSpool
{
    public AuditSpool(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    public bool IsEmpty => !Directory.EnumerateFiles(Folder, "*.jsonl").Any();

    public IReadOnlyList<string> Files() => [.. Directory.EnumerateFiles(Folder, "*.jsonl").Order(StringComparer.Ordinal)];

    public string Write(IReadOnlyList<AuditRecord> records)
    {
        Directory.CreateDirectory(Folder);
        string name = string.Create(CultureInfo.InvariantCulture, $"audit-{DateTime.UtcNow.Ticks:D20}-{Guid.NewGuid():N}.jsonl");
        string path = Path.Combine(Folder, name);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var record in records)
            {
                using (var json = new Utf8JsonWriter(stream))
                {
                    json.WriteStartObject();
                    json.WriteString("requestId", record.RequestId);
                    json.WriteNumber("item", record.Item);
                    json.WriteString("predictedAt", record.PredictedAt);
                    json.WriteString("channel", AuditChannels.Name(record.Channel));
                    if (record.JobId is Guid job) json.WriteString("jobId", job);
                    json.WriteString("modelVersion", record.ModelVersion);
                    json.WriteString("patientRef", record.PatientRef);
                    json.WriteBoolean("patientRefHashed", record.PatientRefHashed);
                    json.WriteNumber("probability", record.Probability);
                    json.WriteBoolean("predictedResistant", record.PredictedResistant);
                    json.WriteEndObject();
                }
                stream.WriteByte((byte)'\n');
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path);
        return path;
    }

    public static List<AuditRecord> Read(string path)
    {
        var records = new List<AuditRecord>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var document = JsonDocument.Parse(line);
            var row = document.RootElement;
            records.Add(new AuditRecord(
                row.GetProperty("requestId").GetString()!, row.GetProperty("item").GetInt32(), row.GetProperty("predictedAt").GetDateTimeOffset(),
                AuditChannels.Parse(row.GetProperty("channel").GetString()!),
                row.TryGetProperty("jobId", out var job) ? job.GetGuid() : null, row.GetProperty("modelVersion").GetString()!,
                row.GetProperty("patientRef").GetString()!, row.GetProperty("patientRefHashed").GetBoolean(),
                row.GetProperty("probability").GetDouble(), row.GetProperty("predictedResistant").GetBoolean()));
        }
        return records;
    }
}
