using System.Text.Json.Nodes;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Tuning;

/// <summary>
/// train --config FILE.json: the options in a versionable file, keys without dashes, the command line winning. The
/// file is checked as the command line is, and its mistakes name the key and the file.
/// </summary>
public class ConfigFileCliTests
{
    private static string Config(string directory, string json)
    {
        var path = Path.Combine(directory, "train.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static byte[] Train(params string[] args)
    {
        var model = Path.Combine(RepoPaths.TempDirectory(), "m.json");
        var (code, _, error) = CliRunner.Run(["train", "--out", model, .. args]);
        Assert.True(code == 0, error);
        return File.ReadAllBytes(model);
    }

    [Fact]
    public void A_config_file_alone_trains_the_model_its_options_train()
    {
        var directory = RepoPaths.TempDirectory();
        File.Copy(TuningFiles.Cohort, Path.Combine(directory, "cohort.csv"));
        // The data path is relative to the config file, not to the working directory.
        string config = Config(directory, """
            {
              // comments and trailing commas are allowed, so a run's settings can be annotated
              "data": "cohort.csv", "trees": 20, "learning-rate": 0.2, "min-leaf": 4, "na": ["NA"],
              "monotone": "pten_hscore=-1", "created": "2026-01-31T00:00:00Z",
            }
            """);
        var fromFile = Train("--config", config);
        var fromCommandLine = Train("--data", TuningFiles.Cohort, "--trees", "20", "--learning-rate", "0.2", "--min-leaf", "4", "--na", "NA",
            "--monotone", "pten_hscore=-1", "--created", "2026-01-31T00:00:00Z");
        Assert.Equal(fromCommandLine, fromFile);
    }

    [Fact]
    public void The_command_line_overrides_the_file_and_the_model_records_the_effective_settings()
    {
        var directory = RepoPaths.TempDirectory();
        string config = Config(directory, $$"""{"data": {{JsonValue.Create(TuningFiles.Cohort).ToJsonString()}}, "trees": 20, "learning-rate": 0.2, "created": "2026-01-31T00:00:00Z"}""");
        var overridden = Train("--config", config, "--trees", "7");
        var direct = Train("--data", TuningFiles.Cohort, "--trees", "7", "--learning-rate", "0.2", "--created", "2026-01-31T00:00:00Z");
        Assert.Equal(direct, overridden);
        using var stream = new MemoryStream(overridden);
        var artifact = ModelJson.ReadArtifact(stream);
        Assert.Equal(7, artifact.Model.Trees.Count);
        Assert.Equal("7", artifact.Metadata.TrainingOptions["Trees"]);
        Assert.Equal("0.2", artifact.Metadata.TrainingOptions["LearningRate"]);
    }

    [Theory]
    [InlineData("""{"tree": 5}""", "--config train.json: unknown key 'tree': not a train option; did you mean 'trees'?")]
    [InlineData("""{"--trees": 5}""", "--config train.json: key '--trees': write option names without the leading dashes ('trees').")]
    [InlineData("""{"trees": "5"}""", "--config train.json: key 'trees': expected a number, got the string \"5\".")]
    [InlineData("""{"json": "yes"}""", "--config train.json: key 'json': expected true or false, got the string \"yes\".")]
    [InlineData("""{"trees": 2.5}""", "--config train.json, key 'trees': --trees expects a whole number (e.g. 3); got '2.5'.")]
    [InlineData("""{"learning-rate": 0.1, "time-budget": -1}""", "--config train.json, key 'time-budget': --time-budget expects a number of seconds above 0")]
    [InlineData("""{"folds": 1}""", "--config train.json, key 'folds': --folds must be at least 2 (got 1).")]
    [InlineData("""[1, 2]""", "--config train.json: expected a JSON object of train options")]
    [InlineData("""{"trees": 5""", "--config train.json: not valid JSON")]
    public void A_bad_key_type_or_value_is_one_line_naming_the_key_and_the_file(string json, string expected)
    {
        var directory = RepoPaths.TempDirectory();
        var model = Path.Combine(directory, "m.json");
        var (code, _, error) = CliRunner.Run("train", "--config", Config(directory, json), "--data", TuningFiles.Cohort, "--out", model);
        Assert.Equal(PredictorCli.InputError, code);
        Assert.StartsWith("error: " + expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(model));
    }
}
