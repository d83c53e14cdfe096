using System.Globalization;
using Predictor.Data.Errors;

namespace Predictor.Survival.Data;

/// <summary>How an event (death) column is coded. Detected from the values, as R's <c>Surv()</c> does.</summary>
public enum EventCodingKind
{
    /// <summary>0 = censored, 1 = event.</summary>
    ZeroOne,
    /// <summary>1 = censored, 2 = event (R's convention for <c>lung</c>).</summary>
    OneTwo,
    /// <summary>false = censored, true = event.</summary>
    TrueFalse,
}

/// <summary>A detected event coding, able to turn raw codes into event flags and to describe itself to the user.</summary>
public sealed record EventCoding(EventCodingKind Kind)
{
    /// <summary>A one-line statement for the output, e.g. "os_event coded 1/2 (2 = event, 1 = censored)".</summary>
    public string Describe(string column) => Kind switch
    {
        EventCodingKind.ZeroOne => $"{column} coded 0/1 (1 = event, 0 = censored)",
        EventCodingKind.OneTwo => $"{column} coded 1/2 as in R (2 = event, 1 = censored)",
        _ => $"{column} coded true/false (true = event, false = censored)",
    };

    /// <summary>
    /// Detects the coding of numeric event codes (NaN = missing, which is an error here).
    /// Following R: values within {0, 1} are 0/1; values within {1, 2} that include a 2 are 1/2.
    /// </summary>
    public static EventCoding Detect(string column, ReadOnlySpan<double> codes)
    {
        var distinct = new SortedSet<double>();
        for (int i = 0; i < codes.Length; i++)
        {
            double v = codes[i];
            if (double.IsNaN(v))
                throw new PredictorInputException($"Event column '{column}' is missing at row {i + 1}; every patient needs an event status.");
            distinct.Add(v);
            if (distinct.Count > 2)
                throw new PredictorInputException(
                    $"Event column '{column}' holds more than two distinct values ({Format(distinct)}); expected 0/1, 1/2 (2 = event) or true/false.");
        }
        if (distinct.Count == 0)
            throw new PredictorInputException($"Event column '{column}' is empty.");
        if (distinct.IsSubsetOf([0.0, 1.0])) return new EventCoding(EventCodingKind.ZeroOne);
        if (distinct.IsSubsetOf([1.0, 2.0])) return new EventCoding(EventCodingKind.OneTwo);
        throw new PredictorInputException(
            $"Event column '{column}' holds the values {Format(distinct)}; expected 0/1, 1/2 (2 = event) or true/false.");
    }

    /// <summary>Turns codes into event flags (true = the event was observed).</summary>
    public bool[] Decode(ReadOnlySpan<double> codes)
    {
        var events = new bool[codes.Length];
        double eventCode = Kind == EventCodingKind.OneTwo ? 2.0 : 1.0;
        for (int i = 0; i < codes.Length; i++) events[i] = codes[i] == eventCode;
        return events;
    }

    private static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("G", CultureInfo.InvariantCulture)));
}
