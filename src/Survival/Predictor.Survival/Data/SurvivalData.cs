using Predictor.Data.Errors;

namespace Predictor.Survival.Data;

/// <summary>
/// Right-censored survival outcomes: one follow-up time and one event flag per patient, validated once so that
/// every estimator downstream can trust them.
/// </summary>
public sealed class SurvivalData
{
    private readonly double[] _times;
    private readonly bool[] _events;

    /// <param name="times">Follow-up times (finite, non-negative).</param>
    /// <param name="events">true = event observed at the time, false = censored.</param>
    /// <param name="timeColumn">Name used in error messages.</param>
    public SurvivalData(double[] times, bool[] events, string timeColumn = "time")
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(events);
        if (times.Length != events.Length)
            throw new ArgumentException($"{times.Length} times but {events.Length} event flags.", nameof(events));
        for (int i = 0; i < times.Length; i++)
        {
            if (double.IsNaN(times[i]))
                throw new PredictorInputException($"Time column '{timeColumn}' is missing at row {i + 1}; every patient needs a follow-up time.");
            if (!double.IsFinite(times[i]) || times[i] < 0)
                throw new PredictorInputException($"Time column '{timeColumn}' holds {times[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} at row {i + 1}; times must be finite and not negative.");
        }
        _times = times;
        _events = events;
        TimeColumn = timeColumn;
    }

    public string TimeColumn { get; }

    public int Count => _times.Length;

    public ReadOnlySpan<double> Times => _times;

    public ReadOnlySpan<bool> Events => _events;

    public int EventCount
    {
        get
        {
            int n = 0;
            foreach (bool e in _events) if (e) n++;
            return n;
        }
    }

    /// <summary>The patients in <paramref name="rows"/>, in that order.</summary>
    public SurvivalData Select(ReadOnlySpan<int> rows)
    {
        var t = new double[rows.Length];
        var e = new bool[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            t[i] = _times[rows[i]];
            e[i] = _events[rows[i]];
        }
        return new SurvivalData(t, e, TimeColumn);
    }
}
