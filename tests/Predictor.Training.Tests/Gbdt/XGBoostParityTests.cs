using System.Globalization;
using Predictor.Scoring.Trees;
using Predictor.Tests.Common;
using Predictor.Training.Evaluation;
using Predictor.Training.Gbdt;
using Predictor.Training.Gbdt.Boosting;
using Predictor.Training.Gbdt.Data;
using Predictor.Training.Tests.Support;
using Xunit.Abstractions;

namespace Predictor.Training.Tests.Gbdt;

/// <summary>
/// The learner against XGBoost 1.7 (hist, lossguide) on the same simulated patients with equivalent settings
/// (tools/xgboost/common.py lists the mapping): held-out AUC may not fall more than 0.003 below XGBoost's.
/// Being better is allowed (at 1,000 rows ours came out 0.0034 above XGBoost on this cohort); a gap of more than
/// 0.01 either way would mean the two learners do not fit the same kind of model, so that fails too.
/// </summary>
public class XGBoostParityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(20_000)]
    public void Held_out_auc_is_no_more_than_0_003_below_xgboost_at_equal_trees_leaves_and_learning_rate(int trainRows)
    {
        // Etiology goes in as a numeric code for both learners, so both fit the same kind of model.
        var train = AsNumeric(SyntheticCohort.Generate(trainRows, seed: 11));
        var test = AsNumeric(SyntheticCohort.Generate(20_000, seed: 12));
        string dir = RepoPaths.TempDirectory();
        string trainCsv = Path.Combine(dir, "train.csv"), testCsv = Path.Combine(dir, "test.csv");
        XGBoostRunner.WriteCsv(train, trainCsv);
        XGBoostRunner.WriteCsv(test, testCsv);

        const int trees = 100, leaves = 20;
        const double eta = 0.2, lambda = 1, minChildWeight = 1;
        var xgb = XGBoostRunner.RunParity(trainCsv, testCsv, "--trees", trees.ToString(CultureInfo.InvariantCulture),
            "--leaves", leaves.ToString(CultureInfo.InvariantCulture), "--eta", eta.ToString(CultureInfo.InvariantCulture),
            "--reg-lambda", "1", "--min-child-weight", "1");
        double xgbAuc = xgb.GetProperty("auc").GetDouble();

        var options = new GbdtOptions
        {
            Trees = trees, Leaves = leaves, LearningRate = eta, L2 = lambda, MinHessianPerLeaf = minChildWeight,
            MinRowsPerLeaf = 1, MaxBins = 255, Threads = 2,
        };
        var model = BoostingTrainer.Train(train, options).Model;
        double ourAuc = RocAuc.Compute(SyntheticCohort.Predict(model, test), test.Labels);
        output.WriteLine($"rows {trainRows}: ours {ourAuc:F5}, XGBoost {xgb.GetProperty("xgboost").GetString()} {xgbAuc:F5}");
        Assert.InRange(ourAuc - xgbAuc, -0.003, 0.01);
        Directory.Delete(dir, recursive: true);
    }

    private static TrainingSet AsNumeric(TrainingSet data) =>
        new([.. data.Features.Select(f => f.Kind == FeatureKind.Categorical ? new FeatureColumn(f.Name, f.Values) : f)], data.Labels, data.Weights);
}
