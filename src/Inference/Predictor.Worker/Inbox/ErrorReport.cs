using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Data.Csv;

namespace Predictor.Worker.Inbox;

/// <summary>
/// The CSV written beside an output listing every rejected row: row (1-based data row in the input), line, column
/// and problem. It lives with the data, not in the log, because a problem may quote the offending value. Batch jobs
/// serve the same form (<c>GET /v1/jobs/{id}/errors</c>).
/// </summary>
internal static class ErrorReport
{
    public const string Header = "row,line,column,problem\n";

    public static void Write(IReadOnlyList<DataIssue> issues, Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(Header);
        foreach (var issue in issues) writer.Write(Line(issue.Row, issue.Line, issue.Column, issue.Problem));
    }

    /// <summary>One report line, newline included; an unknown line or a whole-row problem leaves its cell empty.</summary>
    public static string Line(int row, int? line, string? column, string problem) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{row},{(line is int l ? l.ToString(CultureInfo.InvariantCulture) : "")},{CsvTableWriter.Escape(column ?? "")},{CsvTableWriter.Escape(problem)}\n");
}
