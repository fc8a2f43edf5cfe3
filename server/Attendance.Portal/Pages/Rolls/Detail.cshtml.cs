using System.Globalization;
using Attendance.Portal.Data;
using Attendance.Portal.Exports;
using Microsoft.AspNetCore.Mvc;

namespace Attendance.Portal.Pages.Rolls;

/// <summary>
/// One roll, as its e-mail shows it, and its exports. The route carries only the database key; a roll outside the
/// user's scope is a 404 like a missing one, so editing the key in the URL tells nothing.
/// </summary>
public sealed class DetailModel(IRollArchive archive, PortalClock clock) : PortalPageModel
{
    public RollDetail Roll { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long key, CancellationToken cancellationToken)
    {
        var roll = await archive.GetRollAsync(key, Scope, cancellationToken);
        if (roll is null)
        {
            return NotFound();
        }

        Roll = roll;
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(long key, CancellationToken cancellationToken) =>
        Export(key, table => CsvExport.Write(table, CultureInfo.CurrentCulture), CsvExport.ContentType, "csv", cancellationToken);

    public Task<IActionResult> OnGetXlsxAsync(long key, CancellationToken cancellationToken) =>
        Export(key, XlsxExport.Write, XlsxExport.ContentType, "xlsx", cancellationToken);

    private async Task<IActionResult> Export(long key, Func<ExportTable, byte[]> write, string contentType, string extension, CancellationToken cancellationToken)
    {
        var roll = await archive.GetRollAsync(key, Scope, cancellationToken);
        if (roll is null)
        {
            return NotFound();
        }

        var name = PortalExports.FileName($"{Text.RollFileName}-{key.ToString(CultureInfo.InvariantCulture)}", extension);
        return File(write(PortalExports.Roll(roll, Text, clock)), contentType, name);
    }
}
