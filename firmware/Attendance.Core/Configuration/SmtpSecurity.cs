namespace Attendance.Core.Configuration
{
    /// <summary>How the terminal protects its SMTP connection (setting <c>smtp.security</c>).</summary>
    public enum SmtpSecurity
    {
        /// <summary>Plain SMTP. Only for a relay on a trusted network; AUTH is refused unless explicitly allowed.</summary>
        None = 0,

        /// <summary>Plain connection upgraded with STARTTLS before AUTH (RFC 3207), usually port 587.</summary>
        StartTls = 1,

        /// <summary>TLS from the first byte (implicit TLS, RFC 8314 section 3.3), usually port 465.</summary>
        Tls = 2,
    }
}
