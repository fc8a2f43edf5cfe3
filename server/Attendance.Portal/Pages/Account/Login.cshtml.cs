using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Attendance.Portal.Accounts;
using Attendance.Portal.Localization;

namespace Attendance.Portal.Pages.Account;

/// <summary>
/// Sign-in with ASP.NET Core Identity: the password is checked by Identity's hasher, and failures count towards
/// the lockout (Identity options, set by the host). The log counts failures and never names the account tried.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<PortalUser> signIn, PortalText text, ILogger<LoginModel> logger) : PageModel
{
    private static long _failures;

    /// <summary>A hash to check when the name is unknown, so that a wrong name takes as long as a wrong password.</summary>
    private static string? _unknownUserHash;

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Message = text.SignInRequired;
            return Page();
        }

        var name = UserName.Trim();
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (await signIn.UserManager.FindByNameAsync(name) == null)
        {
            // Identity answers an unknown name at once; hashing anyway keeps the answer time from telling which
            // names have accounts.
            var hasher = signIn.UserManager.PasswordHasher;
            var placeholder = new PortalUser();
            _unknownUserHash ??= hasher.HashPassword(placeholder, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(placeholder, _unknownUserHash, Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(name, Password, isPersistent: false, lockoutOnFailure: true);
        }

        Password = null;
        if (result.Succeeded)
        {
            // Only a local path: an address from the query string must not send the user to another site.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
        }

        var failures = Interlocked.Increment(ref _failures);
        logger.LogWarning("Portal sign-in failed{Locked} ({Failures} failed sign-ins since the server started)",
            result.IsLockedOut ? " on a locked account" : "", failures);
        Message = result.IsLockedOut ? text.SignInLockedOut : text.SignInFailed;
        return Page();
    }
}
