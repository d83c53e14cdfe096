using Predictor.Scoring.Artifact;
using Predictor.Scoring.Serialization;
using Predictor.Training.MLNet.Import;

namespace Predictor.Cli.Input;

/// <summary>Reads model files for the scoring verbs.</summary>
internal static class ModelFiles
{
    /// <summary>
    /// The model file with its metadata. A file without calibration or threshold (format 1, or one written from a
    /// bare ensemble) still scores: probabilities are the trees' logistic output and the cut-off is 0.5, and one
    /// note on <paramref name="error"/> says so, because those numbers mean less than a trained pipeline's. A pipeline
    /// file whose cross-validation chose no calibration ("pipeline.calibration": "none") gets no note, nor does a model
    /// imported from ML.NET, whose raw score already holds ML.NET's Platt calibration.
    /// </summary>
    public static ModelArtifact Read(FileInfo file, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        InputFiles.RequireExists(file, "--model");
        var artifact = ModelJson.ReadArtifactFile(file.FullName);
        var missing = new List<string>();
        // The pipeline records when cross-validation chose to leave the probabilities as they are.
        bool calibrationDeclined = artifact.Metadata.TrainingOptions.TryGetValue("pipeline.calibration", out var method) && method == "none";
        // An ML.NET import carries ML.NET's Platt calibration folded into its raw score.
        calibrationDeclined |= artifact.Metadata.TrainingOptions.ContainsKey(MLNetModelImporter.CalibrationOption);
        if (artifact.Metadata.Calibration is null && !calibrationDeclined) missing.Add("calibration (probabilities are uncalibrated)");
        if (artifact.Metadata.Threshold is null) missing.Add("decision threshold (0.5 is used)");
        if (missing.Count > 0) error.WriteLine($"note: {file.Name} has no {string.Join(" and no ", missing)}; the default 'predictor train' (no fixed settings) writes both.");
        return artifact;
    }
}
