using System.Globalization;
using System.Xml.Linq;
using Attendance.Portal.Charts;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [TestMethod]
    public void OneBarPerSessionWithHeightsProportionalToAttendance()
    {
        ChartBar[] bars = [new("1", 10, "a"), new("2", 5, "b"), new("3", 0, "c"), new("4", 20, "d")];
        var svg = XElement.Parse(AttendanceChart.Render(bars, 20, null, "title"));

        Assert.AreEqual(Svg + "svg", svg.Name);
        var rects = svg.Elements(Svg + "rect").ToList();
        Assert.AreEqual(4, rects.Count);
        var heights = rects.Select(rect => double.Parse(rect.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual(AttendanceChart.PlotHeight, heights[3], 0.01, "the scale's maximum is full height");
        Assert.AreEqual(heights[3] / 2, heights[0], 0.01);
        Assert.AreEqual(heights[3] / 4, heights[1], 0.01);
        Assert.AreEqual(0, heights[2], 0.01);

        // Bars stand on one baseline, left to right in session order.
        var bottoms = rects.Select((rect, i) => double.Parse(rect.Attribute("y")!.Value, CultureInfo.InvariantCulture) + heights[i]).Distinct().ToList();
        Assert.AreEqual(1, bottoms.Count);
        var xs = rects.Select(rect => double.Parse(rect.Attribute("x")!.Value, CultureInfo.InvariantCulture)).ToList();
        CollectionAssert.AreEqual(xs.Order().ToList(), xs);
    }

    [TestMethod]
    public void ScaleGrowsWhenMoreAttendThanTheScaleMaximum()
    {
        // Non-enrolled students can make a session fuller than the class list.
        var svg = XElement.Parse(AttendanceChart.Render([new("1", 12, "a"), new("2", 6, "b")], 10, null, "t"));
        var heights = svg.Elements(Svg + "rect").Select(rect => double.Parse(rect.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual(AttendanceChart.PlotHeight, heights[0], 0.01);
        Assert.AreEqual(AttendanceChart.PlotHeight / 2, heights[1], 0.01);
    }

    [TestMethod]
    public void TextsAreEscapedAndTheMinimumLineIsDrawn()
    {
        var xml = AttendanceChart.Render([new("1", 3, "<script>alert(1)</script> & \"x\"")], 4, 3, "Presenças <por> aula");
        var svg = XElement.Parse(xml);
        Assert.IsFalse(xml.Contains("<script>"), "a tooltip's markup must be escaped");
        Assert.AreEqual("<script>alert(1)</script> & \"x\"", svg.Element(Svg + "rect")!.Element(Svg + "title")!.Value);
        Assert.AreEqual("Presenças <por> aula", svg.Element(Svg + "title")!.Value);
        var minimum = svg.Elements(Svg + "line").Single(line => (string?)line.Attribute("class") == "chart-minimum");
        var bar = svg.Element(Svg + "rect")!;

        // 3 of 4: the line is at the top of a bar of 3.
        Assert.AreEqual(double.Parse(bar.Attribute("y")!.Value, CultureInfo.InvariantCulture), double.Parse(minimum.Attribute("y1")!.Value, CultureInfo.InvariantCulture), 0.01);
        Assert.IsFalse(xml.Contains("style="), "presentation attributes only (CSP)");
    }

    [TestMethod]
    public void NoSessionsIsStillAValidChart()
    {
        var svg = XElement.Parse(AttendanceChart.Render([], 0, null, "t"));
        Assert.AreEqual(0, svg.Elements(Svg + "rect").Count());
    }
}
