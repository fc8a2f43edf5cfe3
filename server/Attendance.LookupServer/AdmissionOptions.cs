namespace Attendance.LookupServer;

/// <summary>
/// The "Lookup:Admission" section: what a client that has not (yet) proved it is a terminal may hold, how long
/// a client that does not read may keep the server writing, and the back-off after failed logins
/// (server/README.md, "Hostile clients"). Kept apart from <see cref="LookupServerOptions"/> so the limits
/// against hostile clients read as one set.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>
    /// A connection that has not authenticated this long after it was accepted (TLS handshake included) is told
    /// <c>ERRO|tempo de autenticacao esgotado</c> and closed. A terminal authenticates in its first round trip.
    /// </summary>
    public int AuthenticationTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Unauthenticated connections held at once (at most <see cref="LookupServerOptions.MaxConnections"/>). When
    /// full, a new connection closes the oldest unauthenticated connection (<see cref="EvictAfterMilliseconds"/>),
    /// so idle strangers never keep a terminal out; the rest of MaxConnections is kept for authenticated ones.
    /// </summary>
    public int MaxUnauthenticatedConnections { get; set; } = 500;

    /// <summary>
    /// Unauthenticated connections held at once per client address; a new one closes that address's oldest. High
    /// enough for the terminals of one school behind one NAT address authenticating at the same moment.
    /// </summary>
    public int MaxUnauthenticatedPerAddress { get; set; } = 250;

    /// <summary>
    /// An unauthenticated connection may be closed to make room for a newer one only after it has waited this
    /// long (a terminal authenticates in its first round trip); younger ones are kept and the newcomer is told busy.
    /// </summary>
    public int EvictAfterMilliseconds { get; set; } = 1000;

    /// <summary>Open mode (no authentication): connections per client address; more are told <c>ERRO|servidor ocupado</c>.</summary>
    public int OpenModeMaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>Failed AUTENTICAR from one address before the address is refused for a while; 0 turns the back-off off.</summary>
    public int FailedLoginsBeforeBackoff { get; set; } = 3;

    /// <summary>First refusal period after <see cref="FailedLoginsBeforeBackoff"/> failures; doubled by every further failure.</summary>
    public int BackoffSeconds { get; set; } = 2;

    /// <summary>Longest refusal period; an address without failures for this long is forgotten.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>Addresses remembered for the back-off and for the log's rate limit (bounded memory); the stalest go first.</summary>
    public int TrackedAddresses { get; set; } = 10_000;

    /// <summary>At most one log line per address and kind of refusal in this interval; the next line gives the count.</summary>
    public int RefusalLogIntervalSeconds { get; set; } = 60;

    /// <summary>A write that the client has not taken within this time (it does not read) ends the connection.</summary>
    public int WriteTimeoutSeconds { get; set; } = 10;

    /// <summary>Answers gathered before they are written, even in the middle of one read's requests.</summary>
    public int MaxAnswerBufferBytes { get; set; } = 64 * 1024;

    /// <summary>The socket's send buffer (SO_SNDBUF): with the answer buffer, what a client that does not read can leave unread on the server.</summary>
    public int SendBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Throws with the setting's name when a value cannot work.</summary>
    public void Validate()
    {
        Positive(AuthenticationTimeoutSeconds, nameof(AuthenticationTimeoutSeconds));
        Positive(MaxUnauthenticatedConnections, nameof(MaxUnauthenticatedConnections));
        Positive(MaxUnauthenticatedPerAddress, nameof(MaxUnauthenticatedPerAddress));
        Positive(OpenModeMaxConnectionsPerAddress, nameof(OpenModeMaxConnectionsPerAddress));
        Positive(BackoffSeconds, nameof(BackoffSeconds));
        if (EvictAfterMilliseconds < 0)
        {
            throw new InvalidOperationException("Lookup:Admission:EvictAfterMilliseconds must be 0 or more, not " + EvictAfterMilliseconds + ".");
        }

        Positive(MaxBackoffSeconds, nameof(MaxBackoffSeconds));
        Positive(TrackedAddresses, nameof(TrackedAddresses));
        Positive(RefusalLogIntervalSeconds, nameof(RefusalLogIntervalSeconds));
        Positive(WriteTimeoutSeconds, nameof(WriteTimeoutSeconds));
        if (FailedLoginsBeforeBackoff < 0)
        {
            throw new InvalidOperationException("Lookup:Admission:FailedLoginsBeforeBackoff must be 0 (off) or more, not " + FailedLoginsBeforeBackoff + ".");
        }

        if (MaxAnswerBufferBytes < 1024 || SendBufferBytes < 1024)
        {
            throw new InvalidOperationException("Lookup:Admission:MaxAnswerBufferBytes and SendBufferBytes must be at least 1024 (one answer line fits).");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new InvalidOperationException("Lookup:Admission:" + name + " must be positive, not " + value + ".");
        }
    }
}
