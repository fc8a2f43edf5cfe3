using Attendance.Portal.Data;
using Microsoft.AspNetCore.Mvc;

namespace Attendance.Portal.Pages.Students;

/// <summary>
/// A student's attendance in every class in scope. The code is posted, never in the URL; links to this page
/// elsewhere are small POST forms (Shared/_StudentHistoryButton).
/// </summary>
public sealed class IndexModel(IRollArchive archive) : PortalPageModel
{
    [BindProperty]
    public string? StudentCode { get; set; }

    public StudentHistory? History { get; private set; }

    public bool Searched { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var code = StudentCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            ModelState.AddModelError(nameof(StudentCode), Text.StudentCodeRequired);
            return Page();
        }

        Searched = true;
        History = await archive.GetStudentHistoryAsync(code, Scope, cancellationToken);
        return Page();
    }
}
