using Predictor.Data.Errors;
using Predictor.Data.Tables;

namespace Predictor.Survival.Data;

/// <summary>The outcome read from a table, with how its event column was coded.</summary>
public sealed record SurvivalOutcome(SurvivalData Data, EventCoding Coding, string TimeColumn, string EventColumn)
{
    /// <summary>"os_event coded 0/1 (1 = event, 0 = censored)".</summary>
    public string CodingStatement => Coding.Describe(EventColumn);
}

/// <summary>The thin adapter from a loaded <see cref="DataTable"/> to the plain arrays the estimators take.</summary>
public static class SurvivalTable
{
    /// <summary>Reads the follow-up time and event columns of <paramref name="rows"/> (all rows when null).</summary>
    public static SurvivalOutcome Outcome(DataTable table, string timeColumn, string eventColumn, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        rows ??= [.. Enumerable.Range(0, table.RowCount)];
        var time = Require(table, timeColumn, "time");
        if (time is not NumericColumn numericTime)
            throw new PredictorInputException($"Time column '{timeColumn}' holds {time.Kind.ToString().ToLowerInvariant()} values; follow-up times must be numbers.");
        var times = rows.Select(r => numericTime[r]).ToArray();

        var status = Require(table, eventColumn, "event");
        EventCoding coding;
        double[] codes;
        switch (status)
        {
            case BooleanColumn boolean:
                codes = [.. rows.Select(r => boolean[r] switch { true => 1.0, false => 0.0, null => double.NaN })];
                EventCoding.Detect(eventColumn, codes);
                coding = new EventCoding(EventCodingKind.TrueFalse);
                break;
            case NumericColumn numeric:
                codes = [.. rows.Select(r => numeric[r])];
                coding = EventCoding.Detect(eventColumn, codes);
                break;
            default:
                throw new PredictorInputException(
                    $"Event column '{eventColumn}' holds {status.Kind.ToString().ToLowerInvariant()} values; expected 0/1, 1/2 (2 = event) or true/false.");
        }
        return new SurvivalOutcome(new SurvivalData(times, coding.Decode(codes), timeColumn), coding, timeColumn, eventColumn);
    }

    /// <summary>
    /// The groups of a column over <paramref name="rows"/>, in the column's level order (numbers ascending,
    /// false before true). Rows with a missing group are reported through <paramref name="kept"/>.
    /// </summary>
    public static Grouping Groups(DataTable table, string groupColumn, IReadOnlyList<int> rows, out IReadOnlyList<int> kept)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var column = Require(table, groupColumn, "group");
        kept = [.. rows.Where(r => !column.IsMissing(r))];
        if (column is CategoricalColumn categorical)
        {
            var present = kept.Select(r => categorical.Codes[r]).Distinct().Order().ToArray();
            var remap = present.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i);
            return new Grouping([.. kept.Select(r => remap[categorical.Codes[r]])], [.. present.Select(c => categorical.Levels[c])], groupColumn);
        }
        return Grouping.FromLabels([.. kept.Select(r => column.FormatValue(r)!)], groupColumn);
    }

    private static Column Require(DataTable table, string name, string role) =>
        table.TryGetColumn(name, out var column)
            ? column
            : throw new PredictorInputException($"The {role} column '{name}' is not in the data (columns: {string.Join(", ", table.ColumnNames)}).");
}
