namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// Where the client is in the exchange. Each state names the reply it is waiting for, and
    /// <see cref="SmtpSession.Step"/> handles exactly one reply per call (as lwIP's apps/smtp does).
    /// </summary>
    public enum SmtpState
    {
        /// <summary>Connected; waiting for the 220 greeting (RFC 5321 section 4.3.1).</summary>
        Greeting = 0,

        /// <summary>EHLO sent; waiting for 250 with capabilities, or 5xx to fall back to HELO.</summary>
        Ehlo = 1,

        /// <summary>HELO sent (the server refused EHLO); waiting for 250.</summary>
        Helo = 2,

        /// <summary>STARTTLS sent; waiting for 220 before the TLS handshake (RFC 3207 section 4).</summary>
        StartTls = 3,

        /// <summary>AUTH PLAIN with initial response sent (RFC 4616); waiting for 235.</summary>
        AuthPlain = 4,

        /// <summary>AUTH LOGIN sent; waiting for 334 asking for the user name.</summary>
        AuthLoginUser = 5,

        /// <summary>User name sent; waiting for 334 asking for the password.</summary>
        AuthLoginPassword = 6,

        /// <summary>Password sent; waiting for 235.</summary>
        AuthLoginResult = 7,

        /// <summary>MAIL FROM sent; waiting for 250.</summary>
        MailFrom = 8,

        /// <summary>One RCPT TO sent; waiting for its 250/251 or refusal.</summary>
        RcptTo = 9,

        /// <summary>DATA sent; waiting for 354.</summary>
        Data = 10,

        /// <summary>Message and final "." sent; waiting for 250: the server has taken responsibility.</summary>
        DataEnd = 11,

        /// <summary>QUIT sent; waiting for 221.</summary>
        Quit = 12,

        /// <summary>Finished (successfully or not); no reply is expected.</summary>
        Done = 13,
    }
}
