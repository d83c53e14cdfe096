using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Predictor.Scoring.Serialization;
using Predictor.Worker.Configuration;
using Predictor.Worker.Diagnostics;

namespace Predictor.Worker.Models;

/// <summary>
/// Holds the model being served and swaps it atomically. Readers take <see cref="Current"/> once per request or file
/// and keep that reference, so work in flight finishes on the model it started with.
/// </summary>
internal sealed class ModelStore
{
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModelStore> _log;
    private readonly WorkerMetrics _metrics;
    private readonly Lock _reloadGate = new();
    private LoadedModel _current;
    private bool _removed;

    public ModelStore(IOptions<WorkerOptions> options, TimeProvider clock, ILogger<ModelStore> log, WorkerMetrics metrics)
    {
        _path = options.Value.FullModelPath;
        _clock = clock;
        _log = log;
        _metrics = metrics;
        // A model that cannot be loaded at start stops the worker (WorkerStartupException -> one line).
        try
        {
            _current = ModelLoader.Load(_path, clock);
        }
        catch (ModelFormatException ex)
        {
            throw new WorkerStartupException("Worker:ModelPath: " + ex.Message, ex);
        }
        _metrics.SetModel(_current);
        Log.ModelLoaded(_log, _current.ShortVersion, _current.Ensemble.Trees.Count, _current.Ensemble.Linear?.Terms.Count ?? 0, _path);
    }

    public LoadedModel Current => Volatile.Read(ref _current);

    public string ModelPath => _path;

    /// <summary>
    /// Loads the file again; swaps it in when it is valid and different. A bad file is logged and rejected, and the
    /// model already loaded keeps serving. Returns true when a new model was swapped in.
    /// </summary>
    public bool TryReload()
    {
        lock (_reloadGate)
        {
            LoadedModel candidate;
            try
            {
                candidate = ModelLoader.Load(_path, _clock);
            }
            catch (Exception ex) when (ex is ModelFormatException or IOException)
            {
                if (File.Exists(_path))
                {
                    _removed = false;
                    _metrics.ModelRejected();
                    Log.ModelRejected(_log, _path, ex.Message);
                }
                else if (!_removed)
                {
                    // Once per removal: the operator should know the file is gone though nothing changes for callers.
                    _removed = true;
                    Log.ModelFileRemoved(_log, _path, Current.ShortVersion);
                }
                return false;
            }
            _removed = false;
            var previous = Current;
            if (string.Equals(candidate.Version, previous.Version, StringComparison.Ordinal)) return false;
            Volatile.Write(ref _current, candidate);
            _metrics.SetModel(candidate);
            Log.ModelSwapped(_log, previous.ShortVersion, candidate.ShortVersion);
            return true;
        }
    }
}
