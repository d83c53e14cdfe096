using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Artifact;

/// <summary>
/// Everything a model file holds: the trees with their feature schema, and the metadata that says what the model
/// predicts, how its probabilities are calibrated, where the decision threshold sits and how it was trained.
/// </summary>
public sealed class ModelArtifact
{
    /// <summary>An artifact of <paramref name="model"/> with <paramref name="metadata"/> (empty when null).</summary>
    public ModelArtifact(TreeEnsemble model, ModelMetadata? metadata = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Metadata = metadata ?? new ModelMetadata();
    }

    /// <summary>The trees and their feature schema.</summary>
    public TreeEnsemble Model { get; }

    /// <summary>What the file says about the model besides its trees.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>
    /// The probability to report for a raw score: the calibration when the artifact has one, else the logistic
    /// transform of the trees' log-odds.
    /// </summary>
    public double Probability(double rawScore)
    {
        double uncalibrated = TreeEnsemble.Sigmoid(rawScore);
        return Metadata.Calibration is { } calibration ? calibration.Apply(rawScore, uncalibrated) : uncalibrated;
    }

    /// <summary>The calibrated probability of one row (see <see cref="TreeEnsemble"/> for the row layout).</summary>
    public double Predict(ReadOnlySpan<double> row) => Probability(Model.PredictRaw(row));

    /// <summary>
    /// Scores one patient given by feature name (strict validation; see <see cref="Input.InputBinder"/>). To score many
    /// patients one by one, build a <see cref="PatientScorer"/> once instead.
    /// </summary>
    public PatientScore Score(IReadOnlyDictionary<string, object?> patient, int topContributions = 0) =>
        new PatientScorer(this).Score(patient, topContributions);

    /// <summary>Whether a probability is at or above the artifact's decision threshold (0.5 when it has none).</summary>
    public bool IsPositive(double probability) => probability >= (Metadata.Threshold?.Value ?? 0.5);
}
