using System.Globalization;
using System.Xml.Linq;

namespace Attendance.Portal.Charts;

/// <summary>One bar of the chart: a session, how many attended, and the tooltip text.</summary>
public sealed record ChartBar(string Label, int Count, string Tooltip);

/// <summary>
/// A bar chart of attendance per session as an SVG element, rendered on the server so the page needs no
/// JavaScript. Built with XElement so every text is escaped and the result is well-formed XML. Colours are
/// presentation attributes, not style attributes, so a Content-Security-Policy without 'unsafe-inline' allows them.
/// </summary>
public static class AttendanceChart
{
    public const double PlotHeight = 160;
    public const double BarWidth = 22;
    public const double Gap = 6;
    private const double Left = 36;
    private const double Top = 24;
    private const double Bottom = 28;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <param name="bars">One per session, in order.</param>
    /// <param name="scaleMaximum">The count drawn at full height (the number of students); raised to the largest bar if smaller.</param>
    /// <param name="minimumLine">Count at which to draw the minimum-attendance line, or null for none.</param>
    public static string Render(IReadOnlyList<ChartBar> bars, int scaleMaximum, double? minimumLine, string title)
    {
        var maximum = Math.Max(1, Math.Max(scaleMaximum, bars.Count == 0 ? 0 : bars.Max(bar => bar.Count)));
        var width = Left + Math.Max(1, bars.Count) * (BarWidth + Gap) + Gap;
        var height = Top + PlotHeight + Bottom;
        var baseline = Top + PlotHeight;

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", title),
            new XAttribute("class", "attendance-chart"),
            new XElement(Svg + "title", title),
            Text(Left - 4, Top + 4, maximum.ToString(CultureInfo.InvariantCulture), "end"),
            Text(Left - 4, baseline, "0", "end"),
            Line(Left, baseline, width - Gap, baseline, "#444", null));

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var barHeight = PlotHeight * bar.Count / maximum;
            var x = Left + Gap + i * (BarWidth + Gap);
            svg.Add(new XElement(Svg + "rect",
                new XAttribute("class", "chart-bar"),
                new XAttribute("x", N(x)),
                new XAttribute("y", N(baseline - barHeight)),
                new XAttribute("width", N(BarWidth)),
                new XAttribute("height", N(barHeight)),
                new XAttribute("fill", "#3b6ea5"),
                new XAttribute("data-count", bar.Count.ToString(CultureInfo.InvariantCulture)),
                new XElement(Svg + "title", bar.Tooltip)));
            svg.Add(Text(x + BarWidth / 2, baseline + 16, bar.Label, "middle"));
        }

        if (minimumLine is { } line && line > 0)
        {
            var y = baseline - PlotHeight * Math.Min(line, maximum) / maximum;
            svg.Add(Line(Left, y, width - Gap, y, "#b3261e", "4 3"));
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Text(double x, double y, string text, string anchor) =>
        new(Svg + "text",
            new XAttribute("x", N(x)),
            new XAttribute("y", N(y)),
            new XAttribute("font-size", "11"),
            new XAttribute("text-anchor", anchor),
            text);

    private static XElement Line(double x1, double y1, double x2, double y2, string colour, string? dashes)
    {
        var line = new XElement(Svg + "line",
            new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)),
            new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
            new XAttribute("stroke", colour));
        if (dashes is not null)
        {
            line.Add(new XAttribute("stroke-dasharray", dashes), new XAttribute("class", "chart-minimum"));
        }

        return line;
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
