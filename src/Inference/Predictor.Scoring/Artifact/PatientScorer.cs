using Predictor.Scoring.Compiled;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Input;

namespace Predictor.Scoring.Artifact;

/// <summary>
/// Scores one patient at a time given as a name-to-value map (see <see cref="InputBinder"/> for accepted values):
/// validated against the model's schema (strict by default), scored by the compiled trees, calibrated, labelled at
/// the artifact's threshold and optionally explained. Immutable and thread-safe.
/// </summary>
public sealed class PatientScorer
{
    private readonly CompiledEnsemble _compiled;

    /// <summary>A scorer for <paramref name="artifact"/>; <paramref name="policy"/> defaults to <see cref="InputPolicy.Strict"/>.</summary>
    public PatientScorer(ModelArtifact artifact, InputPolicy? policy = null)
    {
        Artifact = artifact ?? throw new ArgumentNullException(nameof(artifact));
        Binder = new InputBinder(artifact.Model, policy);
        _compiled = new CompiledEnsemble(artifact.Model);
    }

    /// <summary>The model and its metadata.</summary>
    public ModelArtifact Artifact { get; }

    /// <summary>The input binder (schema and policy) this scorer validates with.</summary>
    public InputBinder Binder { get; }

    /// <summary>Whether the model records the covers TreeSHAP needs (format 1 files do not).</summary>
    public bool CanExplain => TreeShap.CanExplain(Artifact.Model);

    /// <summary>
    /// Scores <paramref name="patient"/>. With <paramref name="topContributions"/> &gt; 0 it also returns that many
    /// TreeSHAP contributions (which needs a model with covers, i.e. format 2 or later).
    /// </summary>
    /// <exception cref="ScoringInputException">The patient does not fit the schema under the policy.</exception>
    public PatientScore Score(IReadOnlyDictionary<string, object?> patient, int topContributions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topContributions);
        Span<double> row = stackalloc double[Artifact.Model.Features.Count];
        Binder.BindPatient(patient, row);
        double raw = _compiled.PredictRaw(row);
        double probability = Artifact.Probability(raw);
        double threshold = Artifact.Metadata.Threshold?.Value ?? 0.5;
        var top = topContributions == 0 ? [] : TreeShap.TopFeatures(Artifact.Model, row, topContributions);
        return new PatientScore(raw, probability, probability >= threshold, threshold, top);
    }
}
