using Predictor.Worker.Models;

namespace Predictor.Worker.Scoring;

/// <summary>
/// One request's patients waiting to be scored. The rows were laid out for <see cref="Model"/>, so the job is scored
/// on that model even if a newer one is swapped in meanwhile.
/// </summary>
internal sealed class ScoreJob(LoadedModel model, double[] rows, int patientCount)
{
    private readonly TaskCompletionSource<double[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoadedModel Model { get; } = model;

    public double[] Rows { get; } = rows;

    public int PatientCount { get; } = patientCount;

    public long EnqueuedAt { get; set; }

    /// <summary>The probabilities, in row order, once scored.</summary>
    public Task<double[]> Completion => _done.Task;

    public void Complete(double[] probabilities) => _done.TrySetResult(probabilities);

    public void Fail(Exception error) => _done.TrySetException(error);
}
