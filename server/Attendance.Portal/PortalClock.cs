using System.Globalization;
using Attendance.Portal.Localization;
using Microsoft.Extensions.Options;

namespace Attendance.Portal;

/// <summary>Shows the archive's UTC times in the portal's time zone (<see cref="PortalOptions.TimeZoneId"/>), in the reader's date format.</summary>
public sealed class PortalClock(TimeZoneInfo zone)
{
    public PortalClock(IOptions<PortalOptions> options)
        : this(options.Value.ResolveTimeZone())
    {
    }

    public TimeZoneInfo Zone { get; } = zone;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Date(DateTime utc, PortalText text) => ToLocal(utc).ToString(text.DateFormat, CultureInfo.InvariantCulture);

    public string Time(DateTime utc, PortalText text) => ToLocal(utc).ToString(text.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Seconds too, as in the e-mail's list of swipes.</summary>
    public string TimeWithSeconds(DateTime utc) => ToLocal(utc).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public string DateTime(DateTime utc, PortalText text) => Date(utc, text) + " " + Time(utc, text);
}
