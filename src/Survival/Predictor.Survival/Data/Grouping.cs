using Predictor.Data.Errors;

namespace Predictor.Survival.Data;

/// <summary>A partition of patients into named groups (levels in display order; codes index the levels).</summary>
public sealed class Grouping
{
    private readonly int[] _codes;
    private readonly string[] _levels;

    public Grouping(int[] codes, IReadOnlyList<string> levels, string column = "group")
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        _levels = [.. levels];
        foreach (int c in codes)
        {
            if (c < 0 || c >= _levels.Length)
                throw new ArgumentException($"Group code {c} outside 0..{_levels.Length - 1}.", nameof(codes));
        }
        _codes = codes;
        Column = column;
        var sizes = Sizes();
        if (_levels.Length < 2)
            throw new PredictorInputException($"Group column '{column}' has {_levels.Length} group; comparing survival needs at least two.");
        for (int g = 0; g < sizes.Length; g++)
        {
            if (sizes[g] < 2)
                throw new PredictorInputException($"Group '{_levels[g]}' of column '{column}' has {sizes[g]} patient(s); each group needs at least two.");
        }
    }

    /// <summary>Groups from labels; levels are ordered as R orders factor levels (numerically when all labels are numbers, else ordinally).</summary>
    public static Grouping FromLabels(IReadOnlyList<string> labels, string column = "group")
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(l => double.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        var levels = numeric
            ? distinct.OrderBy(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : distinct.OrderBy(l => l, StringComparer.Ordinal).ToList();
        var index = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return new Grouping([.. labels.Select(l => index[l])], levels, column);
    }

    public string Column { get; }

    public IReadOnlyList<string> Levels => _levels;

    public ReadOnlySpan<int> Codes => _codes;

    public int Count => _codes.Length;

    public int[] Sizes()
    {
        var sizes = new int[_levels.Length];
        foreach (int c in _codes) sizes[c]++;
        return sizes;
    }

    /// <summary>Row indices of the members of group <paramref name="level"/>.</summary>
    public int[] Members(int level)
    {
        var rows = new List<int>();
        for (int i = 0; i < _codes.Length; i++) if (_codes[i] == level) rows.Add(i);
        return [.. rows];
    }
}
