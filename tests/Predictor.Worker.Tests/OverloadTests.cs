using System.Net;
using System.Text;
using Predictor.Worker.Tests.Support;

namespace Predictor.Worker.Tests;

public sealed class OverloadTests
{
    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_and_admitted_requests_still_succeed()
    {
        // Four admitted requests wait up to 400 ms for a batch of 1000 patients, so the rest find the queue full.
        await using var host = await WorkerHost.StartAsync(
            "--Worker:Batching:QueueCapacity=4", "--Worker:Batching:MaxBatchSize=1000",
            "--Worker:Batching:MaxBatchWait=00:00:00.400", "--Worker:Batching:RetryAfterSeconds=2");
        string body = Cohorts.ToJsonObject(Cohorts.Rows(1)[0]);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            host.Client.PostAsync("/v1/score", new StringContent(body, Encoding.UTF8, "application/json"))));
        var ok = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(40, ok.Count + refused.Count);
        Assert.InRange(ok.Count, 1, 4 * 3); // at most a few batch windows' worth are admitted while 40 arrive
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(2), r.Headers.RetryAfter?.Delta));
        foreach (var r in responses) r.Dispose();
    }
}
