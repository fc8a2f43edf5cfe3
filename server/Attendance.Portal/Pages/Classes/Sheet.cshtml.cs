using System.Globalization;
using Attendance.Portal.Charts;
using Attendance.Portal.Data;
using Attendance.Portal.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Pages.Classes;

/// <summary>
/// Students x sessions of one class in one period, each student's attendance and the minimum rule, the chart
/// and the exports. Class codes and periods are not personal data, so they are the route; out of scope is a 404.
/// </summary>
public sealed class SheetModel(IRollArchive archive, PortalClock clock, IOptions<PortalOptions> options) : PortalPageModel
{
    public ClassSheet Sheet { get; private set; } = null!;

    public double MinimumPercent => options.Value.MinimumAttendancePercent;

    public async Task<IActionResult> OnGetAsync(string classCode, int year, int semester, CancellationToken cancellationToken)
    {
        var sheet = await Load(classCode, year, semester, cancellationToken);
        if (sheet is null)
        {
            return NotFound();
        }

        Sheet = sheet;
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(string classCode, int year, int semester, CancellationToken cancellationToken) =>
        Export(classCode, year, semester, table => CsvExport.Write(table, CultureInfo.CurrentCulture), CsvExport.ContentType, "csv", cancellationToken);

    public Task<IActionResult> OnGetXlsxAsync(string classCode, int year, int semester, CancellationToken cancellationToken) =>
        Export(classCode, year, semester, XlsxExport.Write, XlsxExport.ContentType, "xlsx", cancellationToken);

    public bool IsBelowMinimum(SheetRow row) => AttendanceRate.IsBelowMinimum(row, Sheet.Sessions.Count, MinimumPercent);

    /// <summary>The chart: one bar per session, scaled to the enrolled students, the minimum drawn as a line.</summary>
    public string ChartSvg()
    {
        var text = Text;
        var bars = Sheet.Sessions.Select((session, i) =>
        {
            var count = Sheet.Rows.Count(row => i < row.Attended.Count && row.Attended[i] is not null);
            var tooltip = text.Format(text.ChartBar, clock.DateTime(session.OpenedUtc, text), count);
            return new ChartBar((i + 1).ToString(CultureInfo.InvariantCulture), count, tooltip);
        }).ToList();
        var enrolled = Sheet.Rows.Count(row => row.Enrolled);
        return AttendanceChart.Render(bars, enrolled, enrolled * MinimumPercent / 100, text.ChartTitle);
    }

    private async Task<ClassSheet?> Load(string classCode, int year, int semester, CancellationToken cancellationToken) =>
        semester is 1 or 2 ? await archive.GetClassSheetAsync(classCode, year, semester, Scope, cancellationToken) : null;

    private async Task<IActionResult> Export(
        string classCode, int year, int semester, Func<ExportTable, byte[]> write, string contentType, string extension, CancellationToken cancellationToken)
    {
        var sheet = await Load(classCode, year, semester, cancellationToken);
        if (sheet is null)
        {
            return NotFound();
        }

        var table = PortalExports.ClassSheet(sheet, Text, clock, MinimumPercent);
        var name = PortalExports.FileName(string.Create(CultureInfo.InvariantCulture, $"{Text.SheetFileName}-{classCode}-{year}-{semester}"), extension);
        return File(write(table), contentType, name);
    }
}
