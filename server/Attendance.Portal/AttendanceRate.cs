using Attendance.Portal.Data;

namespace Attendance.Portal;

/// <summary>The attendance percentage and the minimum rule, computed once for the class sheet, its exports and the history.</summary>
public static class AttendanceRate
{
    /// <summary>Attended sessions over sessions held, 0-100; null when no session was held (nothing to judge).</summary>
    public static double? Percent(int attended, int sessions) =>
        sessions <= 0 ? null : 100.0 * attended / sessions;

    /// <summary>
    /// Only enrolled students can fail a class, so only they are flagged; someone who swiped without being
    /// enrolled is shown but not judged.
    /// </summary>
    public static bool IsBelowMinimum(bool enrolled, int attended, int sessions, double minimumPercent) =>
        enrolled && Percent(attended, sessions) is { } percent && percent < minimumPercent;

    public static bool IsBelowMinimum(SheetRow row, int sessions, double minimumPercent) =>
        IsBelowMinimum(row.Enrolled, row.AttendedCount, sessions, minimumPercent);

    /// <summary>One decimal, in the reader's number format ("66,7" in Portuguese).</summary>
    public static string Format(double? percent) =>
        percent is { } value ? Math.Round(value, 1).ToString("0.#", System.Globalization.CultureInfo.CurrentCulture) : "-";
}
