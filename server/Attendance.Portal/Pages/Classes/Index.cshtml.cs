using Attendance.Portal.Data;

namespace Attendance.Portal.Pages.Classes;

/// <summary>The class sheet picker: the classes in scope that have stored rolls, one link per period.</summary>
public sealed class IndexModel(IRollArchive archive) : PortalPageModel
{
    public IReadOnlyList<ClassPeriod> Periods { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Periods = (await archive.ListClassPeriodsAsync(Scope, cancellationToken))
            .OrderByDescending(period => period.Year).ThenByDescending(period => period.Semester)
            .ThenBy(period => period.CourseCode, StringComparer.Ordinal).ThenBy(period => period.ClassCode, StringComparer.Ordinal)
            .ToList();
    }
}
