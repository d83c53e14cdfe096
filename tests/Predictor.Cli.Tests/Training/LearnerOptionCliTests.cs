using System.Globalization;
using System.Text;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary><c>--learner</c>: ML.NET's trainers inside the pipeline, and what the option refuses.</summary>
public sealed class LearnerOptionCliTests
{
    private static string Cohort()
    {
        var path = Path.Combine(RepoPaths.TempDirectory(), "learner.csv");
        var random = new Random(3);
        var text = new StringBuilder("id,x,z,y\n");
        for (int i = 0; i < 300; i++)
        {
            double x = random.NextDouble() * 4 - 2;
            int y = random.NextDouble() < 1 / (1 + Math.Exp(-2 * x)) ? 1 : 0;
            string z = i % 7 == 0 ? "?" : (random.NextDouble() * 10).ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"p{i},{x:F3},{z},{y}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Train_with_fasttree_writes_a_model_that_names_its_learner_and_predict_serves_it()
    {
        string data = Cohort();
        string model = Path.Combine(Path.GetDirectoryName(data)!, "fasttree.json");
        var (code, output, error) = CliRunner.Run("train", "--data", data, "--label", "y", "--id", "id", "--na", "?", "--out", model,
            "--learner", "fasttree", "--bootstrap", "0", "--folds", "3", "--threads", "2");
        Assert.True(code == 0, error);
        Assert.Contains("learner fasttree", output, StringComparison.Ordinal);
        Assert.Equal("fasttree", ModelJson.ReadArtifactFile(model).Metadata.TrainingOptions["pipeline.learner"]);
        var predicted = CliRunner.Run("predict", "--model", model, "--data", data, "--id", "id", "--na", "?", "--out", model + ".csv");
        Assert.True(predicted.ExitCode == 0, predicted.Err);
    }

    [Fact]
    public void Monotone_constraints_with_an_MLNet_learner_are_refused_and_nothing_is_written()
    {
        string data = Cohort();
        string model = Path.Combine(Path.GetDirectoryName(data)!, "refused.json");
        var (code, _, error) = CliRunner.Run("train", "--data", data, "--label", "y", "--id", "id", "--na", "?", "--out", model,
            "--learner", "lightgbm", "--monotone", "x=+1");
        Assert.Equal(2, code);
        Assert.Contains("--monotone", error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }
}
