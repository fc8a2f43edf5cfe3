namespace Attendance.Core.Mail.Smtp
{
    /// <summary>What the caller can do about a failed send.</summary>
    public enum SmtpFailureKind
    {
        /// <summary>Try again later: a 4xx reply, a timeout, a lost connection, a server that cannot be reached.</summary>
        Transient = 0,

        /// <summary>Retrying will not help until something changes: a 5xx reply, a TLS or authentication failure.</summary>
        Permanent = 1,
    }
}
