using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;
using Xunit;

namespace Predictor.Cli.Tests.Training;

public sealed class LinearStartCliTests
{
    [Fact]
    public void Linear_start_false_trains_trees_from_the_base_rate_only()
    {
        string directory = RepoPaths.TempDirectory();
        string data = Path.Combine(directory, "train.csv"), model = Path.Combine(directory, "m.json");
        Assert.Equal(0, CliRunner.Run("simulate", "--patients", "150", "--seed", "21", "--out", data).ExitCode);
        var (code, stdout, error) = CliRunner.Run("train", "--data", data, "--out", model, "--bootstrap", "0", "--threads", "1", "--linear-start", "false");
        Assert.True(code == 0, error);
        var artifact = ModelJson.ReadArtifactFile(model);
        Assert.Null(artifact.Model.Linear);
        Assert.NotEmpty(artifact.Model.Trees);
        Assert.False(artifact.Metadata.TrainingOptions.ContainsKey("LinearStartPenalty"));
        Assert.DoesNotContain("linear terms", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_start_with_fixed_settings_is_a_one_line_error()
    {
        string directory = RepoPaths.TempDirectory();
        string data = Path.Combine(directory, "train.csv");
        Assert.Equal(0, CliRunner.Run("simulate", "--patients", "60", "--seed", "22", "--out", data).ExitCode);
        var (code, _, error) = CliRunner.Run("train", "--data", data, "--out", Path.Combine(directory, "m.json"), "--preset", "default", "--linear-start", "true");
        Assert.Equal(2, code);
        Assert.Contains("--linear-start is a choice of the default tuned pipeline", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "m.json")));
    }
}
