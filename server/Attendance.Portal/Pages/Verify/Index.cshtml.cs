using Attendance.Portal.Data;
using Attendance.Portal.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Attendance.Portal.Pages.Verify;

/// <summary>
/// Checks an e-mail's verification code against the stored roll (docs/protocol.md, "Verification code"): typed
/// in, or read from an uploaded .eml, whose list of students is then also compared with the stored roll.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxEmlBytes + 64 * 1024)]
[RequestSizeLimit(MaxEmlBytes + 64 * 1024)]
public sealed class IndexModel(IRollArchive archive) : PortalPageModel
{
    /// <summary>An attendance e-mail is a few kilobytes; a class of 300 students stays far below this.</summary>
    public const int MaxEmlBytes = 2 * 1024 * 1024;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public IFormFile? Eml { get; set; }

    public string? CheckedCode { get; private set; }

    public VerificationResult? Result { get; private set; }

    /// <summary>Null when there was no .eml or it listed no students; empty when the lists agree.</summary>
    public IReadOnlyList<RollDifference>? Differences { get; private set; }

    public bool EmailListMissing { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        EmlContent? email = null;
        var input = Code;
        if (Eml is { Length: > 0 } file)
        {
            if (file.Length > MaxEmlBytes)
            {
                return Error(Text.EmlTooLarge);
            }

            try
            {
                await using var stream = file.OpenReadStream();
                email = EmlContent.Read(stream);
            }
            catch (FormatException)
            {
                return Error(Text.EmlUnreadable);
            }

            if (email.Code is null)
            {
                return Error(Text.EmlNoCode);
            }

            input = email.Code;
        }
        else if (string.IsNullOrWhiteSpace(input))
        {
            return Error(Text.CodeMissing);
        }

        var normalised = VerificationCode.Normalise(input);
        if (normalised is null)
        {
            return Error(Text.CodeInvalid);
        }

        CheckedCode = VerificationCode.Display(normalised);
        Result = await archive.VerifyAsync(normalised, Scope, cancellationToken);
        if (email is not null && Result.Roll is { } roll)
        {
            EmailListMissing = email.Students is null;
            Differences = email.Students is null ? null : RollComparison.Compare(roll.Presences, email.Students);
        }

        return Page();
    }

    private IActionResult Error(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
