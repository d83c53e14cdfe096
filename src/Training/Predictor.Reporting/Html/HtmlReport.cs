using System.Text;
using Predictor.Reporting.Svg;

namespace Predictor.Reporting.Html;

/// <summary>
/// A self-contained HTML report (inline style, inline SVG, no scripts or external files): built from headings,
/// paragraphs, tables and charts, in the order they are added.
/// </summary>
public sealed class HtmlReport
{
    private const string Style =
        "body{font-family:Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.4}" +
        "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}" +
        "table{border-collapse:collapse;margin:0.8em 0}th,td{padding:4px 10px;border-bottom:1px solid #e4e4e4;text-align:right}" +
        "th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}.note{color:#666;font-size:0.9em}" +
        "pre{background:#f7f7f7;padding:0.8em;overflow-x:auto}";

    private readonly StringBuilder _body = new();

    public HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public string Title { get; }

    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(Markup.Escape(text)).Append("</h2>\n");
        return this;
    }

    public HtmlReport Paragraph(string text, bool note = false)
    {
        _body.Append(note ? "<p class=\"note\">" : "<p>").Append(Markup.Escape(text)).Append("</p>\n");
        return this;
    }

    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        _body.Append("<table>");
        if (caption is not null) _body.Append("<caption>").Append(Markup.Escape(caption)).Append("</caption>");
        _body.Append("<thead><tr>");
        foreach (var h in header) _body.Append("<th>").Append(Markup.Escape(h)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(Markup.Escape(cell)).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Embeds an SVG element produced by this library (trusted markup, not escaped).</summary>
    public HtmlReport Svg(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!svg.StartsWith("<svg", StringComparison.Ordinal)) throw new ArgumentException("Expected an <svg> element.", nameof(svg));
        _body.Append("<figure>").Append(svg).Append("</figure>\n");
        return this;
    }

    public HtmlReport Preformatted(string text)
    {
        _body.Append("<pre>").Append(Markup.Escape(text)).Append("</pre>\n");
        return this;
    }

    public string ToHtml() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Markup.Escape(Title) + "</title>\n" +
        "<style>" + Style + "</style>\n</head>\n<body>\n<h1>" + Markup.Escape(Title) + "</h1>\n" + _body + "</body>\n</html>\n";
}
