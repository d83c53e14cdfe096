using Predictor.Data.Contract;
using Predictor.Data.Tables;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Input;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Tables;
using Predictor.Tests.Common;

namespace Predictor.Scoring.Tests;

public class PatientScorerTests
{
    private static ModelArtifact Artifact(ProbabilityCalibration? calibration = null) =>
        new(InputBinderTests.Model(), new ModelMetadata { Threshold = new DecisionThreshold(0.35, "youden"), Calibration = calibration });

    private static Dictionary<string, object?> Patient(double x, string? c) => new(StringComparer.Ordinal) { ["x"] = x, ["c"] = c };

    [Fact]
    public void One_patient_gets_the_hand_computed_probability_and_the_label_at_the_artifact_threshold()
    {
        var scorer = new PatientScorer(Artifact());
        var high = scorer.Score(Patient(5, "b"));
        Assert.Equal(1.2, high.RawScore, 12);
        Assert.Equal(1 / (1 + Math.Exp(-1.2)), high.Probability, 12);
        Assert.True(high.IsPositive);
        Assert.Equal(0.35, high.Threshold);
        var low = scorer.Score(Patient(1, "b"));
        Assert.Equal(1 / (1 + Math.Exp(1.3)), low.Probability, 12);
        Assert.False(low.IsPositive);
        Assert.Empty(low.TopContributions);
        // Platt calibration on the raw score: sigmoid(2 * 1.2 - 1).
        Assert.Equal(1 / (1 + Math.Exp(-1.4)), Artifact(new PlattCalibration(2, -1)).Score(Patient(5, "b")).Probability, 12);
    }

    [Fact]
    public void Top_contributions_are_the_tree_shap_values_summing_to_raw_minus_expected()
    {
        var artifact = Artifact();
        var score = new PatientScorer(artifact).Score(Patient(5, "b"), topContributions: 2);
        Assert.Equal(2, score.TopContributions.Count);
        Assert.Equal(score.RawScore - TreeShap.ExpectedValue(artifact.Model), score.TopContributions.Sum(c => c.Contribution), 12);
        Assert.True(Math.Abs(score.TopContributions[0].Contribution) >= Math.Abs(score.TopContributions[1].Contribution));
        // By hand (two-player Shapley values with cover-weighted expectations): v{} = 0.25, v{x} = (2*0.25 + 4*1.5)/6,
        // v{c} = 0.4*-1 + 0.6*1.5 = 0.5, v{x,c} = 1.5.
        double vx = (2 * 0.25 + 4 * 1.5) / 6;
        Assert.Equal(("x", 0.5 * (vx - 0.25) + 0.5 * (1.5 - 0.5)), (score.TopContributions[0].Feature, Math.Round(score.TopContributions[0].Contribution, 12)), new RoundedPair());
        Assert.Equal(("c", 0.5 * (0.5 - 0.25) + 0.5 * (1.5 - vx)), (score.TopContributions[1].Feature, Math.Round(score.TopContributions[1].Contribution, 12)), new RoundedPair());
        Assert.Single(new PatientScorer(artifact).Score(Patient(5, "b"), topContributions: 1).TopContributions);
        Assert.True(new PatientScorer(artifact).CanExplain);
    }

    [Fact]
    public void The_default_is_strict_and_a_tolerant_scorer_scores_unknown_levels_as_missing()
    {
        Assert.Throws<ScoringInputException>(() => Artifact().Score(Patient(5, "unseen")));
        var tolerant = new PatientScorer(Artifact(), InputPolicy.Tolerant).Score(Patient(5, "unseen"));
        Assert.Equal(-0.05, tolerant.RawScore, 12); // missing goes left at the categorical node: 0.25 - 0.3
    }

    [Fact]
    public void The_bundled_model_scores_each_cohort_patient_as_the_table_path_does()
    {
        var artifact = ModelJson.ReadArtifactFile(Path.Combine(RepoPaths.Root, "models", "resistance.model.json"));
        var table = CohortLoader.LoadCsv(Path.Combine(RepoPaths.Root, "data", "cohort.csv"), CohortPurpose.Scoring).Table;
        var rows = ModelInput.FromTable(table, artifact.Model);
        var scorer = new PatientScorer(artifact, InputPolicy.Tolerant);
        Assert.True(scorer.CanExplain); // the bundled file is a complete format 2 artifact (covers included)
        int width = artifact.Model.Features.Count;
        for (int r = 0; r < table.RowCount; r++)
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
            Assert.Equal(artifact.Predict(rows.AsSpan(r * width, width)), scorer.Score(patient).Probability, 14);
        }
    }

    private sealed class RoundedPair : IEqualityComparer<(string, double)>
    {
        public bool Equals((string, double) a, (string, double) b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-10;

        public int GetHashCode((string, double) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
