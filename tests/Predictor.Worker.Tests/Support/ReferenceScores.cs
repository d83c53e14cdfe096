using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Input;
using Predictor.Scoring.Serialization;

namespace Predictor.Worker.Tests.Support;

/// <summary>
/// Expected predictions computed without the worker: the contract loader, the scoring library's one-patient-at-a-time
/// path (a name-to-value map per patient, not the column binder the worker shares with <c>predictor predict</c>) under
/// predict's rules, and the artifact's tree walk and calibration, keyed by patient id.
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
        var binder = new InputBinder(model, InputPolicy.Tolerant with { MissingColumn = MissingColumnRule.Reject });
        var ids = (TextColumn)validated[CohortContract.PatientId];
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        for (int i = 0; i < validated.RowCount; i++)
        {
            double raw = model.PredictRaw(binder.BindPatient(Patient(validated, i)));
            double p = artifact.Probability(raw);
            expected.Add(ids[i]!, new Expected(raw, p, artifact.IsPositive(p)));
        }
        return expected;
    }

    /// <summary>Row <paramref name="r"/> as the name-to-value map a caller of the scoring library would pass.</summary>
    private static Dictionary<string, object?> Patient(DataTable table, int r)
    {
        var patient = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            patient[column.Name] = column switch
            {
                NumericColumn n => n[r],
                BooleanColumn b => b[r],
                // The model reads ordered categories (BCLC stage, Child-Pugh) as their level codes.
                CategoricalColumn { IsOrdered: true } o => o.Codes[r] < 0 ? null : o.Codes[r],
                _ => column.FormatValue(r),
            };
        }
        return patient;
    }
}
