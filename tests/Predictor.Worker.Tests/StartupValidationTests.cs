using Microsoft.Extensions.Options;
using Predictor.Worker.Models;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task A_missing_model_stops_start_up_naming_the_file()
    {
        await using var host = WorkerHost.Create();
        File.Delete(host.ModelPath);
        var ex = Assert.Throws<OptionsValidationException>(() => WorkerApp.Build(host.Arguments()));
        Assert.Contains(host.ModelPath, string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_model_stops_start_up_with_the_reason()
    {
        await using var host = WorkerHost.Create();
        File.WriteAllText(host.ModelPath, "{\"formatVersion\":9}");
        var ex = Assert.Throws<WorkerStartupException>(() => WorkerApp.Build(host.Arguments()));
        Assert.Contains("formatVersion 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_without_a_checksum_is_refused()
    {
        // Format 1 (trees only) records no checksum, so an edit could not be detected: the worker will not serve it.
        await using var host = WorkerHost.Create();
        string json = File.ReadAllText(host.ModelPath);
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        root["formatVersion"] = 1;
        root.Remove("checksum");
        root.Remove("linear");
        File.WriteAllText(host.ModelPath, root.ToJsonString());
        var ex = Assert.Throws<WorkerStartupException>(() => WorkerApp.Build(host.Arguments()));
        Assert.Contains("carries no checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_data_folder_stops_start_up()
    {
        await using var host = WorkerHost.Create();
        string blocker = Path.Combine(host.Root, "file-not-folder");
        File.WriteAllText(blocker, "");
        var ex = Assert.Throws<OptionsValidationException>(() => WorkerApp.Build(host.Arguments($"--Worker:DataRoot={blocker}")));
        Assert.Contains("not writable", string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Worker:Batching:MaxBatchSize=0", "MaxBatchSize")]
    [InlineData("--Worker:Batching:QueueCapacity=0", "QueueCapacity")]
    [InlineData("--Worker:Inbox:OutputFormat=xlsx", "OutputFormat")]
    public async Task Bad_settings_stop_start_up(string setting, string named)
    {
        await using var host = WorkerHost.Create();
        var ex = Assert.Throws<OptionsValidationException>(() => WorkerApp.Build(host.Arguments(setting)));
        Assert.Contains(named, string.Join(" ", ex.Failures), StringComparison.Ordinal);
    }
}
