using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>
/// Keeps a record of an inbox file's predictions (in a fleet: the audit trail). Called only after the file's outputs
/// are committed and the input was found unchanged, with the rows those outputs hold, so a discarded output (a file
/// that changed while claimed) leaves no record.
/// </summary>
internal interface IInboxRecorder
{
    /// <summary>Records the rows (or keeps them safe for later, e.g. on disk); returns the id they are recorded under.</summary>
    /// <param name="cancellation">Stopping: what is not recorded yet must still be kept safe, not dropped.</param>
    string Record(ScoredRows rows, LoadedModel model, CancellationToken cancellation);
}
