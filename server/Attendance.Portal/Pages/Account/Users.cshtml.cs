using Attendance.Portal.Accounts;
using Attendance.Portal.Localization;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Attendance.Portal.Pages.Account;

/// <summary>
/// The accounts, for administrators only: who has which role, and an unlock button for a locked account.
/// Accounts are made and removed with the server's `users` command (server/README.md, "Portal").
/// </summary>
[Authorize(Roles = PortalRoles.Administrator)]
public sealed class UsersModel(IPortalUserDirectory directory, UserManager<PortalUser> users, PortalText text) : PageModel
{
    public IReadOnlyList<PortalUser> Accounts { get; private set; } = Array.Empty<PortalUser>();

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await directory.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user == null)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Message = text.Format(text.AccountUnlocked, user.UserName);
        Accounts = await directory.ListAsync(cancellationToken);
        return Page();
    }
}
