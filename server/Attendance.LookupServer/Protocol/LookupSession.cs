using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Protocol;

/// <summary>What the server knows about one connection.</summary>
public sealed class LookupSession
{
    public LookupSession(bool openMode, string? nonce)
    {
        OpenMode = openMode;
        Nonce = nonce;
    }

    public bool OpenMode { get; }

    /// <summary>The challenge sent in the greeting; null in open mode.</summary>
    public string? Nonce { get; }

    /// <summary>Set once AUTENTICAR succeeded.</summary>
    public string? TerminalId { get; set; }

    /// <summary>The key the terminal authenticated with (set with <see cref="TerminalId"/>): it checks the upload's verification code.</summary>
    public byte[]? TerminalKey { get; set; }

    /// <summary>The roll being uploaded, between CHAMADA and FIMCHAMADA (at most one per connection).</summary>
    public PendingRoll? Upload { get; set; }

    /// <summary>
    /// The last AUTENTICAR could not be checked because the database failed: the queries after it are answered
    /// with the same passing error, not "nao autenticado".
    /// </summary>
    public bool AuthenticationUnavailable { get; set; }

    /// <summary>
    /// Set when an AUTENTICAR was refused (wrong proof, unknown or invalid terminal id): the connection then
    /// ends after that answer (LookupConnection), and the address's failures count towards its back-off.
    /// </summary>
    public string? RefusedTerminalId { get; set; }

    /// <summary>
    /// Answers read ahead for the lines of the current read (<see cref="LookupRequestHandler.PrefetchAsync"/>);
    /// null between reads, so they never outlive the read they were fetched for.
    /// </summary>
    public PrefetchedAnswers? Prefetched { get; set; }

    /// <summary>The heartbeat's SAUDELOG lines before its SAUDE (at most HealthProtocol.MaximumLogLines).</summary>
    public List<Attendance.Portal.Data.HealthLogLine> HealthLog { get; } = [];

    /// <summary>The heartbeat's SAUDEFALHA lines before its SAUDE (at most HealthProtocol.MaximumFailedRolls).</summary>
    public List<Attendance.Portal.Data.FailedRoll> HealthFailedRolls { get; } = [];

    /// <summary>The connection is TLS: only then does CONFIGURACAO send secrets (the SMTP password).</summary>
    public bool IsTls { get; init; }

    /// <summary>The terminal's nonce of the last HORA (docs/protocol.md, "Time and settings from the server").</summary>
    public string? TerminalNonce { get; set; }

    /// <summary>The settings HORA announced, answered line by line by CONFIGURACAO: one version for the connection.</summary>
    public TerminalSettingsSnapshot? Settings { get; set; }

    public bool MayAskPersonalData => OpenMode || TerminalId != null;

    /// <summary>For logs: the terminal, or how the connection is known before it authenticated.</summary>
    public string LogName => TerminalId ?? (OpenMode ? "(open mode)" : "(not authenticated)");
}
