namespace Attendance.Portal.Data;

/// <summary>
/// The terminals' health reports (docs/protocol.md, "Terminal health") and the administrator's requests to them,
/// for the portal's Terminals pages. The lookup server implements it over SQLite or PostgreSQL
/// (Storage/SqlTerminalFleet). Not scoped by professor: the pages are for administrators and secretaries only.
/// </summary>
public interface ITerminalFleet
{
    /// <summary>Every terminal known to the server (the terminals table) or that sent a report, with its latest report (null when none).</summary>
    Task<IReadOnlyList<TerminalSummary>> ListTerminalsAsync(CancellationToken cancellationToken);

    /// <summary>One terminal with its kept reports (newest first) and its requests (newest first); null when unknown.</summary>
    Task<TerminalDetail?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>
    /// Files a request for the terminal's next heartbeat. Returns its id, or null when the terminal is unknown.
    /// A request of the same kind and argument still waiting for its acknowledgement is not filed twice (its id is returned).
    /// </summary>
    Task<long?> RequestAsync(string terminalId, TerminalRequestKind kind, string argument, string requestedBy, CancellationToken cancellationToken);
}

public enum TerminalRequestKind
{
    /// <summary>Put a roll whose e-mail failed for good back for one more attempt (argument: the roll id).</summary>
    ResendMail,

    /// <summary>Fetch the settings from the server again (no argument).</summary>
    ReloadSettings,
}

/// <summary>
/// What a heartbeat reports (docs/protocol.md, "Terminal health"): checked by the lookup server's protocol handler,
/// then stored. Null numbers were not reported (unknown, or not on Wi-Fi).
/// </summary>
public record HealthReportContent(
    string Firmware,
    string Board,
    long UptimeSeconds,
    long? FreeMemoryBytes,
    string IpAddress,
    int? WifiSignalDbm,
    string RollState,
    int OutboxPending,
    int OutboxRetrying,
    int OutboxFailed,
    int UploadsPending,
    string ClockSource,
    int? ClockSkewSeconds,
    string SettingsRejected,
    int IntervalSeconds,
    IReadOnlyList<HealthLogLine> LogLines,
    IReadOnlyList<FailedRoll> FailedRolls);

/// <summary>One heartbeat as the server stored it: the report and when it arrived.</summary>
public sealed record HealthReportView : HealthReportContent
{
    public HealthReportView(DateTime receivedUtc, HealthReportContent report)
        : base(report)
    {
        ReceivedUtc = receivedUtc;
    }

    public DateTime ReceivedUtc { get; }
}

/// <summary>One of the terminal's last warning or error lines; <see cref="Utc"/> is null when the terminal's clock was unset.</summary>
public sealed record HealthLogLine(DateTime? Utc, string Level, string Text);

/// <summary>A roll whose e-mail failed for good on the terminal, with the terminal's reason.</summary>
public sealed record FailedRoll(string RollId, string Reason);

public sealed record TerminalSummary(string TerminalId, string? Description, HealthReportView? Latest);

public sealed record TerminalRequestView(
    long Id,
    TerminalRequestKind Kind,
    string Argument,
    string RequestedBy,
    DateTime RequestedUtc,
    DateTime? DeliveredUtc,
    DateTime? AcknowledgedUtc,
    string? Outcome);

public sealed record TerminalDetail(TerminalSummary Terminal, IReadOnlyList<HealthReportView> History, IReadOnlyList<TerminalRequestView> Requests);
