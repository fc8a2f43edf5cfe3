using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Pages.Terminals;

/// <summary>
/// Every terminal, online or offline by its last heartbeat against its own interval (<see cref="TerminalHealth"/>),
/// with its warnings. Administrators and secretaries only: a terminal's state is not a professor's business.
/// "Now" is the host's <see cref="TimeProvider"/>, so a test moves time instead of waiting for a terminal to go quiet.
/// </summary>
[Authorize(Roles = PortalRoles.Administrator + "," + PortalRoles.Secretary)]
public sealed class IndexModel(ITerminalFleet fleet, TimeProvider time, IOptions<TerminalHealthOptions> options) : PortalPageModel
{
    public IReadOnlyList<(TerminalSummary Terminal, TerminalHealth Health)> Terminals { get; private set; } = [];

    public TerminalHealthOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Terminals = (await fleet.ListTerminalsAsync(cancellationToken))
            .Select(terminal => (terminal, TerminalHealth.Of(terminal.Latest, now, options.Value)))
            .ToList();
    }
}
