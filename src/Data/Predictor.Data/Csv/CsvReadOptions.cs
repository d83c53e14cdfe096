namespace Predictor.Data.Csv;

/// <summary>How to read a delimited text file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Field separator; a comma unless told otherwise.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Field values that mean "missing" in addition to the empty field (compared exactly, after the quotes are removed).
    /// Typical choices are <c>?</c> (UCI) and <c>NA</c> (R).
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = [];

    /// <summary>
    /// A column with at most this many distinct non-numeric values is read as categorical, otherwise as text.
    /// </summary>
    public int MaxCategoryLevels { get; init; } = 64;

    /// <summary>Columns to read as text whatever they contain (identifiers such as <c>patient_id</c>).</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>
    /// When true, a record that cannot be a row (a different number of fields than the header, an unterminated or
    /// misplaced quote) is listed in <see cref="RawCsvTable.MalformedRows"/> and reading goes on at the next line;
    /// when false (the default) it stops the read with a <see cref="Errors.DataFormatException"/>.
    /// </summary>
    public bool SkipMalformedRows { get; init; }

    public static CsvReadOptions Default { get; } = new();

    /// <summary>Options with the given missing-value token(s) added, for the common <c>--na ?</c> case.</summary>
    public CsvReadOptions WithMissingTokens(params string[] tokens) => this with { MissingTokens = [.. MissingTokens, .. tokens] };
}
