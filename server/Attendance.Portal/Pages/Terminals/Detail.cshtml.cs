using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Pages.Terminals;

/// <summary>
/// One terminal: its latest report, its kept history and the requests filed for it. Administrators may ask it to
/// re-send a failed e-mail or to reload its settings (POST with the anti-forgery token every portal form carries);
/// the request is delivered with the terminal's next heartbeat and shown here until acknowledged.
/// </summary>
[Authorize(Roles = PortalRoles.Administrator + "," + PortalRoles.Secretary)]
public sealed class DetailModel(ITerminalFleet fleet, TimeProvider time, IOptions<TerminalHealthOptions> options) : PortalPageModel
{
    /// <summary>Longest roll id a request may name (a code of the protocol).</summary>
    public const int MaximumRollId = 64;

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public TerminalDetail? Detail { get; private set; }

    public TerminalHealth? Health { get; private set; }

    public string? Message { get; private set; }

    public bool MayRequest => User.IsInRole(PortalRoles.Administrator);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(string? rollId, CancellationToken cancellationToken)
    {
        if (!MayRequest)
        {
            return Forbid();
        }

        // A roll id is the terminal's own code: printable ASCII. Anything else cannot match a roll and is refused here.
        if (string.IsNullOrEmpty(rollId) || rollId.Length > MaximumRollId || !rollId.All(c => c is > ' ' and <= '~'))
        {
            return BadRequest();
        }

        return await FileAsync(TerminalRequestKind.ResendMail, rollId, cancellationToken);
    }

    public async Task<IActionResult> OnPostReloadAsync(CancellationToken cancellationToken)
    {
        if (!MayRequest)
        {
            return Forbid();
        }

        return await FileAsync(TerminalRequestKind.ReloadSettings, "", cancellationToken);
    }

    public static string Uptime(long seconds) =>
        seconds >= 86_400 ? $"{seconds / 86_400} d {seconds % 86_400 / 3600} h" : $"{seconds / 3600} h {seconds % 3600 / 60} min";

    private async Task<IActionResult> FileAsync(TerminalRequestKind kind, string argument, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Id) || await fleet.RequestAsync(Id, kind, argument, User.Identity?.Name ?? "?", cancellationToken) == null)
        {
            return NotFound();
        }

        Message = Text.RequestFiled;
        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        Detail = string.IsNullOrEmpty(Id) ? null : await fleet.GetTerminalAsync(Id, cancellationToken);
        if (Detail == null)
        {
            return NotFound();
        }

        Health = TerminalHealth.Of(Detail.Terminal.Latest, time.GetUtcNow().UtcDateTime, options.Value);
        return Page();
    }
}
