using Attendance.Portal.Localization;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attendance.Portal.Pages;

/// <summary>
/// Base of every portal page: signed-in users only, and the one way to get the scope every archive query takes,
/// so no page can forget it.
/// </summary>
[Authorize]
public abstract class PortalPageModel : PageModel
{
    protected PortalScope Scope => PortalScope.FromUser(User);

    protected static PortalText Text => PortalText.Current;
}
