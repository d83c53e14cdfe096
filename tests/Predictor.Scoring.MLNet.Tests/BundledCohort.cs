using Microsoft.ML.Data;
using Predictor.Data.Contract;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Tables;
using Predictor.Tests.Common;

namespace Predictor.Scoring.MLNet.Tests;

/// <summary>
/// The bundled model and the bundled 5,000-patient cohort (missing values, every category), bound as
/// <c>predictor predict</c> binds them: the reference the ML.NET views are checked against.
/// </summary>
internal static class BundledCohort
{
    public static string ModelPath => Path.Combine(RepoPaths.Root, "models", "resistance.model.json");

    public static ModelArtifact Artifact { get; } = ModelJson.ReadArtifactFile(ModelPath);

    /// <summary>Row-major feature values in the model's order, one array per patient.</summary>
    public static IReadOnlyList<double[]> Rows { get; } = LoadRows();

    /// <summary>The same patients as ML.NET rows with one column per feature (categories by level name).</summary>
    public static IReadOnlyList<Patient> Patients() => Rows.Select(Patient.From).ToList();

    private static List<double[]> LoadRows()
    {
        var cohort = CohortLoader.LoadCsv(RepoPaths.Data("cohort-5000.csv"), CohortPurpose.Scoring);
        var model = Artifact.Model;
        double[] flat = ModelInput.FromTable(cohort.Table, model);
        int width = model.Features.Count;
        return Enumerable.Range(0, flat.Length / width).Select(i => flat.AsSpan(i * width, width).ToArray()).ToList();
    }
}

/// <summary>One patient as an ML.NET app would hold it: columns named as the model's features.</summary>
public sealed class Patient
{
    [ColumnName("age_years")] public double AgeYears { get; set; }
    [ColumnName("sex")] public string Sex { get; set; } = "";
    [ColumnName("etiology")] public string Etiology { get; set; } = "";
    [ColumnName("child_pugh")] public double ChildPugh { get; set; }
    [ColumnName("ecog_ps")] public double EcogPs { get; set; }
    [ColumnName("bclc_stage")] public double BclcStage { get; set; }
    [ColumnName("tumor_size_cm")] public double TumorSizeCm { get; set; }
    [ColumnName("tumor_count")] public double TumorCount { get; set; }
    [ColumnName("microvascular_invasion")] public double MicrovascularInvasion { get; set; }
    [ColumnName("afp_ng_ml")] public double AfpNgMl { get; set; }
    [ColumnName("treatment")] public string Treatment { get; set; } = "";
    [ColumnName("pi3k_hscore")] public double Pi3k { get; set; }
    [ColumnName("p_akt_hscore")] public double PAkt { get; set; }
    [ColumnName("p_mtor_hscore")] public double PMtor { get; set; }
    [ColumnName("pten_hscore")] public double Pten { get; set; }
    [ColumnName("mdr1_hscore")] public double Mdr1 { get; set; }
    [ColumnName("bcl2_hscore")] public double Bcl2 { get; set; }
    [ColumnName("mir_21")] public double Mir21 { get; set; }
    [ColumnName("mir_155")] public double Mir155 { get; set; }
    [ColumnName("mir_205_5p")] public double Mir205 { get; set; }
    [ColumnName("mir_144_3p")] public double Mir144 { get; set; }

    /// <summary>A patient from a bound row: numbers as they are (NaN missing), categories back to their level names.</summary>
    public static Patient From(double[] row)
    {
        var features = BundledCohort.Artifact.Model.Features;
        var patient = new Patient();
        foreach (var property in typeof(Patient).GetProperties())
        {
            string name = (string)property.CustomAttributes.Single(a => a.AttributeType == typeof(ColumnNameAttribute)).ConstructorArguments[0].Value!;
            int f = features.Select(x => x.Name).ToList().IndexOf(name);
            Assert.True(f >= 0, name);
            if (property.PropertyType == typeof(string))
                property.SetValue(patient, double.IsNaN(row[f]) ? "" : features[f].Levels[(int)row[f]]);
            else
                property.SetValue(patient, row[f]);
        }
        return patient;
    }
}

/// <summary>What the transformer adds, as PredictionEngine hands it back.</summary>
public sealed class PatientPrediction
{
    public double Score { get; set; }
    public double Probability { get; set; }
    public bool PredictedLabel { get; set; }
}

/// <summary>The features vector layout (the ONNX export's input).</summary>
public sealed class FeatureVector
{
    [VectorType(21)]
    [ColumnName("features")]
    public float[] Features { get; set; } = [];
}

/// <summary>The features vector in double precision.</summary>
public sealed class DoubleFeatureVector
{
    [VectorType(21)]
    [ColumnName("features")]
    public double[] Features { get; set; } = [];
}
