namespace Attendance.Core.Mail.Smtp
{
    /// <summary>How the connection to the SMTP server is protected.</summary>
    public enum SmtpSecurity
    {
        /// <summary>Plain TCP, no TLS (a relay on a trusted local network only).</summary>
        None = 0,

        /// <summary>STARTTLS when the server offers it (RFC 3207), plain otherwise: protects against passive listeners only.</summary>
        StartTlsWhenAvailable = 1,

        /// <summary>STARTTLS is required (submission port 587); a server without it is a permanent failure.</summary>
        StartTlsRequired = 2,

        /// <summary>TLS from the first byte (port 465, RFC 8314 section 3.3).</summary>
        ImplicitTls = 3,
    }
}
