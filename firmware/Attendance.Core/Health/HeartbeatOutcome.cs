namespace Attendance.Core.Health
{
    /// <summary>What became of one heartbeat.</summary>
    public enum HeartbeatOutcome
    {
        /// <summary>Stored by the server; its requests (if any) were carried out and acknowledged.</summary>
        Sent = 0,

        /// <summary>The server answered ERRO|comando desconhecido: it is older than the heartbeat; it is not sent to that server again until restart.</summary>
        NotSupported = 1,

        /// <summary>No connection, a timeout, a refused key, an unexpected answer: tried again at the next interval.</summary>
        Failed = 2,

        /// <summary>Not sent: the terminal has no key, the interval is 0, or the preferred server does not know the heartbeat.</summary>
        Skipped = 3,
    }
}
