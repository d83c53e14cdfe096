using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Training.DataSets;
using Predictor.Training.Gbdt.Data;

namespace Predictor.Worker.Tests.Support;

/// <summary>
/// Expected predictions computed without the worker: the contract loader, the training library's own table-to-rows
/// path (what <c>predictor predict</c> uses) and the artifact's tree walk and calibration, keyed by patient id.
/// </summary>
internal static class ReferenceScores
{
    /// <summary>One patient's expected raw score (log-odds), calibrated probability and label.</summary>
    public sealed record Expected(double RawScore, double Probability, bool Resistant);

    public static Dictionary<string, double> ForCsv(string csvPath, string modelPath) =>
        Of(csvPath, modelPath).ToDictionary(e => e.Key, e => e.Value.Probability, StringComparer.Ordinal);

    public static Dictionary<string, Expected> Of(string csvPath, string modelPath)
    {
        var artifact = ModelJson.ReadArtifactFile(modelPath);
        var table = CohortLoader.LoadCsv(csvPath, CohortPurpose.Scoring).Table;
        return Of(table, artifact);
    }

    public static Dictionary<string, Expected> Of(DataTable validated, ModelArtifact artifact)
    {
        var model = artifact.Model;
        var rows = ModelInput.FromTable(validated, model);
        int width = model.Features.Count;
        var ids = (TextColumn)validated[CohortContract.PatientId];
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        for (int i = 0; i < validated.RowCount; i++)
        {
            double raw = model.PredictRaw(rows.AsSpan(i * width, width));
            double p = artifact.Probability(raw);
            expected.Add(ids[i]!, new Expected(raw, p, artifact.IsPositive(p)));
        }
        return expected;
    }
}
