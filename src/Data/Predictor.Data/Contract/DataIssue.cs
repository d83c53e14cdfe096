namespace Predictor.Data.Contract;

/// <summary>
/// One bad value found while loading a cohort: where it is (file, 1-based data row, the line it starts on when known,
/// column) and what was wrong. Rows with an issue are left out of the loaded table and listed here, never dropped
/// silently. Identifiers are never echoed back.
/// </summary>
public sealed record DataIssue(string Source, int Row, int? Line, string Column, string Problem)
{
    public override string ToString() =>
        Line is int line && line != Row + 1
            ? $"{Source}: row {Row} (line {line}), column {Column}: {Problem}"
            : $"{Source}: row {Row}, column {Column}: {Problem}";
}
