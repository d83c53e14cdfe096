using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Fhir.Mapping;

namespace Predictor.Worker.Fhir;

/// <summary>
/// Lays mapped FHIR patients out as a table of text cells with every contract feature column, so the contract
/// validator checks them exactly as it checks a CSV file or a <c>/v1/score</c> request.
/// </summary>
internal static class FhirTable
{
    public static DataTable Of(IReadOnlyList<MappedPatient> patients)
    {
        var columns = new List<Column> { new TextColumn(CohortContract.PatientId, [.. patients.Select(p => (string?)p.PatientId)]) };
        foreach (var feature in CohortContract.Features)
        {
            columns.Add(new TextColumn(feature.Name, [.. patients.Select(p => p.Values.TryGetValue(feature.Name, out var cell) ? cell : null)]));
        }
        return new DataTable(columns);
    }
}
