using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Reading;

namespace Predictor.Cli.Input;

/// <summary>
/// Reads patients to score from FHIR R4: a Bundle (<c>.json</c>, collection or searchset) or FHIR Bulk Data
/// <c>.ndjson</c> (one resource per line), mapped to the contract's features with the shipped mapping as of an index
/// date, exactly as the worker's <c>POST /v1/score/fhir</c> does. Patients whose features cannot be read, and cells
/// the contract refuses, are reported (resource and feature, never a value) and left out; the rest are scored.
/// </summary>
internal static class FhirFiles
{
    public static bool IsFhir(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="PredictorInputException">The file is not FHIR this reader accepts, or no patient can be scored.</exception>
    public static DataTable Load(string path, DateTimeOffset indexDate, TextWriter error)
    {
        string name = Path.GetFileName(path);
        IReadOnlyList<MappedPatient> patients;
        try
        {
            IReadOnlyList<FhirEntry> entries;
            if (path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            {
                using var reader = new StreamReader(path);
                entries = FhirResources.ReadNdjson(reader, name);
            }
            else
            {
                entries = FhirResources.ReadBundle(File.ReadAllText(path), name);
            }
            patients = new PatientMapper(FhirMappingOptions.Default).MapAll(entries, indexDate);
        }
        catch (FhirInputException ex)
        {
            throw new PredictorInputException(ex.Message.StartsWith(name, StringComparison.Ordinal) ? ex.Message : $"{name}: {ex.Message}", ex);
        }

        var readable = new List<MappedPatient>();
        for (int i = 0; i < patients.Count; i++)
        {
            foreach (var problem in patients[i].Problems)
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: patient {i + 1} ({problem.Resource}), {problem.Feature}: {problem.Problem} The patient is not scored."));
            if (patients[i].Problems.Count == 0) readable.Add(patients[i]);
        }
        if (readable.Count == 0) throw new PredictorInputException($"{name}: no patient can be scored (see the problems above).");
        int missing = readable.Sum(p => p.Missing.Count);
        if (missing > 0)
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {missing} feature value(s) not recorded across {readable.Count} patient(s); scored as missing."));

        var columns = new List<Column> { new TextColumn(CohortContract.PatientId, [.. readable.Select(p => (string?)p.PatientId)]) };
        foreach (var feature in CohortContract.Features)
            columns.Add(new TextColumn(feature.Name, [.. readable.Select(p => p.Values.TryGetValue(feature.Name, out var cell) ? cell : null)]));
        var loaded = CohortLoader.FromTable(new DataTable(columns), name, CohortPurpose.Scoring);
        InputFiles.ReportIssues(loaded, error);
        return loaded.Table;
    }
}
