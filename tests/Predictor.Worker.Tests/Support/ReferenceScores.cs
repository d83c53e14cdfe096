using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Scoring.Serialization;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Worker.Tests.Support;

/// <summary>
/// Expected probabilities computed without the worker: the contract loader plus the training library's own
/// table-to-rows path (what <c>predictor predict</c> uses), keyed by patient id.
/// </summary>
internal static class ReferenceScores
{
    public static Dictionary<string, double> ForCsv(string csvPath, string modelPath)
    {
        var model = ModelJson.ReadFile(modelPath);
        var table = CohortLoader.LoadCsv(csvPath, CohortPurpose.Scoring).Table;
        var rows = ModelInput.FromTable(table, model);
        var probabilities = new double[table.RowCount];
        model.Predict(rows, probabilities);
        var ids = (TextColumn)table[CohortContract.PatientId];
        return Enumerable.Range(0, table.RowCount).ToDictionary(i => ids[i]!, i => probabilities[i], StringComparer.Ordinal);
    }
}
