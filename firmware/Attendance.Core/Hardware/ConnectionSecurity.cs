namespace Attendance.Core.Hardware
{
    /// <summary>How a connection is protected when it is opened.</summary>
    public enum ConnectionSecurity
    {
        /// <summary>Plain TCP; may be upgraded later with STARTTLS (RFC 3207).</summary>
        Plain = 0,

        /// <summary>TLS from the first byte (implicit TLS, e.g. SMTP submissions on port 465, RFC 8314).</summary>
        Tls = 1,
    }
}
