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
        "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}" +
        "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}" +
        "table{border-collapse:collapse;margin:0.8em 0}th,td{padding:4px 10px;border-bottom:1px solid #e4e4e4;text-align:right}" +
        "th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}.note{color:#666;font-size:0.9em}" +
        "pre{background:#f7f7f7;padding:0.8em;overflow-x:auto}" +
        "figure{margin:1em 0}figcaption{color:#555;font-size:0.9em;max-width:720px}svg{max-width:100%;height:auto}" +
        ".figures{display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start}.figures figure{flex:1 1 560px;max-width:760px}" +
        "tr.highlight td{background:#fff3cd;font-weight:bold}caption{text-align:left;color:#555;font-size:0.9em;padding-bottom:4px}" +
        ".warnings{border:2px solid #c0392b;background:#fdecea;padding:0.6em 1em;margin:1em 0}" +
        ".warnings strong{color:#c0392b}.warnings ul{margin:0.4em 0 0 0}";

    private readonly StringBuilder _body = new();

    public HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public string Title { get; }

    /// <summary>Widest the page grows, in CSS pixels (wider pages put figures side by side).</summary>
    public int MaxWidth { get; init; } = 1000;

    /// <summary>A section heading; with an <paramref name="id"/> the section can be linked to.</summary>
    public HtmlReport Heading(string text, string? id = null)
    {
        _body.Append(id is null ? "<h2>" : "<h2 id=\"" + Markup.Escape(id) + "\">").Append(Markup.Escape(text)).Append("</h2>\n");
        return this;
    }

    /// <summary>A prominent box listing warnings the reader must not miss; nothing when there are none.</summary>
    public HtmlReport Warnings(IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0) return this;
        _body.Append("<div class=\"warnings\" role=\"alert\"><strong>Warnings</strong><ul>");
        foreach (var w in warnings) _body.Append("<li>").Append(Markup.Escape(w)).Append("</li>");
        _body.Append("</ul></div>\n");
        return this;
    }

    public HtmlReport Paragraph(string text, bool note = false)
    {
        _body.Append(note ? "<p class=\"note\">" : "<p>").Append(Markup.Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; the row at index <paramref name="highlight"/> (if any) is emphasised.</summary>
    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null, int? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        _body.Append("<table>");
        if (caption is not null) _body.Append("<caption>").Append(Markup.Escape(caption)).Append("</caption>");
        _body.Append("<thead><tr>");
        foreach (var h in header) _body.Append("<th>").Append(Markup.Escape(h)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        int index = 0;
        foreach (var row in rows)
        {
            _body.Append(index++ == highlight ? "<tr class=\"highlight\">" : "<tr>");
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

    /// <summary>Embeds an SVG element with a caption saying what it shows and how it was computed.</summary>
    public HtmlReport Figure(string svg, string caption)
    {
        ArgumentNullException.ThrowIfNull(svg);
        ArgumentNullException.ThrowIfNull(caption);
        if (!svg.StartsWith("<svg", StringComparison.Ordinal)) throw new ArgumentException("Expected an <svg> element.", nameof(svg));
        _body.Append("<figure>").Append(svg).Append("<figcaption>").Append(Markup.Escape(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    /// <summary>Figures side by side where the page is wide enough, one under another where it is not.</summary>
    public HtmlReport Figures(IReadOnlyList<(string Svg, string Caption)> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        _body.Append("<div class=\"figures\">\n");
        foreach (var (svg, caption) in figures) Figure(svg, caption);
        _body.Append("</div>\n");
        return this;
    }

    public HtmlReport Preformatted(string text)
    {
        _body.Append("<pre>").Append(Markup.Escape(text)).Append("</pre>\n");
        return this;
    }

    public string ToHtml() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Markup.Escape(Title) + "</title>\n" +
        "<style>" + Style + "body{max-width:" + MaxWidth.ToString(System.Globalization.CultureInfo.InvariantCulture) + "px}</style>\n</head>\n<body>\n<h1>" + Markup.Escape(Title) + "</h1>\n" + _body + "</body>\n</html>\n";
}
