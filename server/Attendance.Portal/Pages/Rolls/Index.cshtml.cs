using Attendance.Portal.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Pages.Rolls;

/// <summary>
/// The roll search. The filter is posted, never put in the query string, because it may hold a student's code or
/// name or a professor's code; the pager buttons post the same form with another page number.
/// </summary>
public sealed class IndexModel(IRollArchive archive, IOptions<PortalOptions> options) : PortalPageModel
{
    [BindProperty]
    public RollFilter Filter { get; set; } = new();

    public RollPage? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await archive.SearchRollsAsync(new RollSearch(PageSize: options.Value.RollsPerPage), Scope, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Filter.From is { } from && Filter.To is { } to && from > to)
        {
            ModelState.AddModelError(string.Empty, Text.DateRangeInvalid);
        }

        if (ModelState.IsValid)
        {
            Results = await archive.SearchRollsAsync(Filter.ToSearch(options.Value.RollsPerPage), Scope, cancellationToken);
        }

        return Page();
    }
}

public sealed class RollFilter
{
    public string? CourseCode { get; set; }
    public string? ClassCode { get; set; }
    public string? ProfessorCode { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Student { get; set; }
    public int Page { get; set; } = 1;

    public RollSearch ToSearch(int pageSize) => new(
        Clean(CourseCode), Clean(ClassCode), Clean(ProfessorCode), From, To, Clean(Student), Math.Max(1, Page), pageSize);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
