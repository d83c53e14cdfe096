using Predictor.Data.Contract;
using Predictor.Data.Csv;

namespace Predictor.Worker.Inbox;

/// <summary>
/// The CSV written beside an output listing every rejected row: row (1-based data row in the input), line, column
/// and problem. It lives with the data, not in the log, because a problem may quote the offending value.
/// </summary>
internal static class ErrorReport
{
    public static void Write(IReadOnlyList<DataIssue> issues, Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write("row,line,column,problem\n");
        foreach (var issue in issues)
        {
            writer.Write(issue.Row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(issue.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            writer.Write(',');
            writer.Write(CsvTableWriter.Escape(issue.Column));
            writer.Write(',');
            writer.Write(CsvTableWriter.Escape(issue.Problem));
            writer.Write('\n');
        }
    }
}
