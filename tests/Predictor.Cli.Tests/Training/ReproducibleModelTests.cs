using System.Text.Json.Nodes;
using Predictor.Scoring.Serialization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests.Training;

/// <summary>
/// "The same data, seed and options give the same model byte for byte" once the creation time is fixed (--created or
/// SOURCE_DATE_EPOCH); without it, only createdUtc and checksum differ. Trained twice, compared.
/// </summary>
public class ReproducibleModelTests
{
    private static string Train(string[] extra)
    {
        var path = Path.Combine(RepoPaths.TempDirectory(), "m.json");
        var (code, _, error) = CliRunner.Run([.. "train --data".Split(' '), RepoPaths.Data("cohort.csv"), "--out", path, .. extra]);
        Assert.True(code == 0, error);
        return path;
    }

    [Theory]
    [InlineData("--trees", "30")]
    [InlineData("--bootstrap", "0")]
    public void Two_runs_with_a_fixed_creation_time_write_identical_files(string option, string value)
    {
        string[] args = [option, value, "--folds", "3", "--created", "2026-01-31T12:00:00Z"];
        var first = File.ReadAllBytes(Train(args));
        var second = File.ReadAllBytes(Train([.. args, "--threads", "1"]));
        Assert.Equal(first, second);
        var artifact = ModelJson.ReadArtifactFile(Train(args));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), artifact.Metadata.CreatedUtc);
    }

    [Fact]
    public void Without_a_fixed_time_only_the_creation_time_and_checksum_differ()
    {
        var a = JsonNode.Parse(File.ReadAllText(Train(["--trees", "10"])))!.AsObject();
        Thread.Sleep(20);
        var b = JsonNode.Parse(File.ReadAllText(Train(["--trees", "10"])))!.AsObject();
        Assert.NotEqual(a["createdUtc"]!.ToJsonString(), b["createdUtc"]!.ToJsonString());
        foreach (var o in new[] { a, b })
        {
            o.Remove("createdUtc");
            o.Remove("checksum");
        }
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    [Fact]
    public void A_bad_created_value_is_bad_input_naming_the_option()
    {
        var (code, _, error) = CliRunner.Run("train", "--data", RepoPaths.Data("cohort.csv"), "--out", Path.Combine(RepoPaths.TempDirectory(), "m.json"), "--trees", "3", "--created", "yesterday");
        Assert.Equal(PredictorCli.InputError, code);
        Assert.Contains("--created", error, StringComparison.Ordinal);
    }
}
