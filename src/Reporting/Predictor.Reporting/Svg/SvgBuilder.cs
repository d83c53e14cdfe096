using System.Text;

namespace Predictor.Reporting.Svg;

/// <summary>Writes SVG elements into a document of fixed size; text is always escaped.</summary>
public sealed class SvgBuilder
{
    private readonly StringBuilder _body = new();

    public SvgBuilder(double width, double height)
    {
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>The element id, so a page can link to the chart and tests can find it.</summary>
    public string? Id { get; init; }

    /// <summary>The accessible name (a &lt;title&gt; child): what screen readers and browser tooltips show.</summary>
    public string? Title { get; init; }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _body.Append("<line x1=\"").Append(Markup.Coordinate(x1)).Append("\" y1=\"").Append(Markup.Coordinate(y1))
            .Append("\" x2=\"").Append(Markup.Coordinate(x2)).Append("\" y2=\"").Append(Markup.Coordinate(y2))
            .Append("\" stroke=\"").Append(Markup.Escape(stroke)).Append("\" stroke-width=\"").Append(Markup.Coordinate(strokeWidth)).Append('"');
        if (dash is not null) _body.Append(" stroke-dasharray=\"").Append(Markup.Escape(dash)).Append('"');
        _body.Append("/>\n");
        return this;
    }

    public SvgBuilder Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth = 1.5, string? dash = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        _body.Append("<polyline fill=\"none\" stroke=\"").Append(Markup.Escape(stroke)).Append("\" stroke-width=\"")
            .Append(Markup.Coordinate(strokeWidth)).Append('"');
        if (dash is not null) _body.Append(" stroke-dasharray=\"").Append(Markup.Escape(dash)).Append('"');
        _body.Append(" points=\"").Append(Points(points)).Append("\"/>\n");
        return this;
    }

    public SvgBuilder Polygon(IReadOnlyList<(double X, double Y)> points, string fill, double opacity)
    {
        ArgumentNullException.ThrowIfNull(points);
        _body.Append("<polygon stroke=\"none\" fill=\"").Append(Markup.Escape(fill)).Append("\" fill-opacity=\"")
            .Append(Markup.Coordinate(opacity)).Append("\" points=\"").Append(Points(points)).Append("\"/>\n");
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        _body.Append("<rect x=\"").Append(Markup.Coordinate(x)).Append("\" y=\"").Append(Markup.Coordinate(y))
            .Append("\" width=\"").Append(Markup.Coordinate(width)).Append("\" height=\"").Append(Markup.Coordinate(height))
            .Append("\" fill=\"").Append(Markup.Escape(fill)).Append('"');
        if (stroke is not null) _body.Append(" stroke=\"").Append(Markup.Escape(stroke)).Append('"');
        _body.Append("/>\n");
        return this;
    }

    public SvgBuilder Circle(double cx, double cy, double r, string fill, double opacity = 1)
    {
        _body.Append("<circle cx=\"").Append(Markup.Coordinate(cx)).Append("\" cy=\"").Append(Markup.Coordinate(cy))
            .Append("\" r=\"").Append(Markup.Coordinate(r)).Append("\" fill=\"").Append(Markup.Escape(fill)).Append('"');
        if (opacity < 1) _body.Append(" fill-opacity=\"").Append(Markup.Coordinate(opacity)).Append('"');
        _body.Append("/>\n");
        return this;
    }

    /// <summary>Text at (x, y); <c>anchor</c> is start, middle or end, <c>rotate</c> degrees about (x, y).</summary>
    public SvgBuilder Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222", bool bold = false, double rotate = 0)
    {
        _body.Append("<text x=\"").Append(Markup.Coordinate(x)).Append("\" y=\"").Append(Markup.Coordinate(y))
            .Append("\" font-size=\"").Append(Markup.Coordinate(size)).Append("\" text-anchor=\"").Append(Markup.Escape(anchor))
            .Append("\" fill=\"").Append(Markup.Escape(fill)).Append('"');
        if (bold) _body.Append(" font-weight=\"bold\"");
        if (rotate != 0)
            _body.Append(" transform=\"rotate(").Append(Markup.Coordinate(rotate)).Append(' ').Append(Markup.Coordinate(x)).Append(' ').Append(Markup.Coordinate(y)).Append(")\"");
        _body.Append('>').Append(Markup.Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>The complete &lt;svg&gt; element, embeddable in HTML or writable as a .svg file.</summary>
    public override string ToString() =>
        "<svg xmlns=\"http://www.w3.org/2000/svg\"" + (Id is null ? "" : " id=\"" + Markup.Escape(Id) + "\"") +
        (Title is null ? "" : " role=\"img\"") +
        $" width=\"{Markup.Coordinate(Width)}\" height=\"{Markup.Coordinate(Height)}\" " +
        $"viewBox=\"0 0 {Markup.Coordinate(Width)} {Markup.Coordinate(Height)}\" font-family=\"Helvetica, Arial, sans-serif\">\n" +
        (Title is null ? "" : "<title>" + Markup.Escape(Title) + "</title>\n") +
        _body + "</svg>\n";

    private static string Points(IReadOnlyList<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => Markup.Coordinate(p.X) + "," + Markup.Coordinate(p.Y)));
}
