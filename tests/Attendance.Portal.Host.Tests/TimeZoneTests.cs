using Microsoft.Extensions.DependencyInjection;

namespace Attendance.Portal.Host.Tests;

/// <summary>The pages show times in the archive's time zone unless Portal:TimeZoneId names another.</summary>
[TestClass]
public class TimeZoneTests
{
    [TestMethod]
    [DataRow(null, "America/Sao_Paulo")]
    [DataRow("Asia/Tokyo", "Asia/Tokyo")]
    public void The_pages_clock_follows_the_archive_unless_the_portal_names_a_zone(string? portalZone, string expected)
    {
        var settings = new List<(string, string)> { ("Lookup:Archive:TimeZone", "America/Sao_Paulo") };
        if (portalZone != null)
        {
            settings.Add(("Portal:TimeZoneId", portalZone));
        }

        using var factory = new PortalFactory(settings.ToArray());

        Assert.AreEqual(expected, factory.Services.GetRequiredService<PortalClock>().Zone.Id);
    }
}
