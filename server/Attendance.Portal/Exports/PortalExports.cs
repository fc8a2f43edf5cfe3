using Attendance.Portal.Data;
using Attendance.Portal.Localization;

namespace Attendance.Portal.Exports;

/// <summary>The tables behind the export links: a roll (the e-mail's CSV columns) and a class sheet (students x sessions).</summary>
public static class PortalExports
{
    /// <summary>The same columns as the e-mail's attachment, so a professor's spreadsheet reads both alike.</summary>
    public static ExportTable Roll(RollDetail roll, PortalText text, PortalClock clock)
    {
        var rows = roll.Presences.Select(presence => (IReadOnlyList<object?>)new object?[]
        {
            presence.StudentCode,
            presence.StudentName ?? text.UnknownName,
            clock.Date(presence.FirstSwipeUtc, text),
            clock.TimeWithSeconds(presence.FirstSwipeUtc),
            text.StatusText(presence.Status),
            roll.LateAfterUtc is null ? null : presence.Late ? text.Yes : text.No,
        }).ToList();
        return new ExportTable(text.Roll, [text.Code, text.Name, text.Date, text.Time, text.Status, text.Late], rows);
    }

    /// <summary>
    /// One row per student, one column per session ("P" present, late marked apart, empty when absent), then the
    /// count, the percentage and the minimum rule, as on the page.
    /// </summary>
    public static ExportTable ClassSheet(ClassSheet sheet, PortalText text, PortalClock clock, double minimumPercent)
    {
        var sessions = sheet.Sessions.Count;
        var headers = new List<string> { text.Code, text.Name, text.Enrolled };
        headers.AddRange(sheet.Sessions.Select(session => clock.DateTime(session.OpenedUtc, text)));
        headers.AddRange([text.Attended, text.Percent, text.BelowMinimum]);

        var rows = sheet.Rows.Select(row =>
        {
            var cells = new List<object?> { row.StudentCode, row.StudentName ?? text.UnknownName, row.Enrolled ? text.Yes : text.No };
            cells.AddRange(row.Attended.Select(presence => (object?)Mark(presence, text)));
            var percent = AttendanceRate.Percent(row.AttendedCount, sessions);
            cells.Add(row.AttendedCount);
            cells.Add(percent is { } value ? Math.Round(value, 1) : null);
            cells.Add(AttendanceRate.IsBelowMinimum(row, sessions, minimumPercent) ? text.Yes : text.No);
            return (IReadOnlyList<object?>)cells;
        }).ToList();
        return new ExportTable(text.ClassSheet, headers, rows);
    }

    public static string Mark(Presence? presence, PortalText text) =>
        presence is null ? string.Empty : presence.Late ? text.SheetLate : text.SheetPresent;

    /// <summary>A file name from our own words and keys only (class codes may appear in URLs; names never do).</summary>
    public static string FileName(string stem, string extension) =>
        new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray()) + "." + extension;
}
