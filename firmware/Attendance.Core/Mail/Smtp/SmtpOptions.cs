namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// Where and how to submit mail. Timeouts default to RFC 5321 section 4.5.3.2's suggestions; they are
    /// configurable because a submission server on a campus network answers in seconds, not minutes.
    /// </summary>
    public class SmtpOptions
    {
        public string Host;

        public int Port = 587;

        public SmtpSecurity Security = SmtpSecurity.StartTlsRequired;

        /// <summary>The EHLO/HELO argument: the terminal's name (RFC 5321 section 4.1.1.1).</summary>
        public string ClientDomain = "attendance-terminal.local";

        /// <summary>User name for AUTH; null or empty to send without authenticating.</summary>
        public string UserName;

        /// <summary>Password for AUTH. Never logged.</summary>
        public string Password;

        /// <summary>Allows AUTH over an unencrypted connection. Off: credentials would cross the network in the clear.</summary>
        public bool AllowAuthenticationWithoutTls;

        /// <summary>A refused login (535) is permanent: retrying with the same password cannot succeed.</summary>
        public bool AuthenticationFailureIsPermanent = true;

        /// <summary>A failed handshake or certificate check is permanent until the configuration changes.</summary>
        public bool TlsFailureIsPermanent = true;

        /// <summary>Writes every command and reply to the event log (AUTH lines redacted).</summary>
        public bool ProtocolLogEnabled;

        public int ConnectTimeoutMilliseconds = 30000;

        /// <summary>Initial 220 message: 5 minutes.</summary>
        public int GreetingTimeoutMilliseconds = 300000;

        /// <summary>EHLO, HELO, STARTTLS, AUTH and QUIT (RFC 5321 gives no figure; the MAIL figure is used).</summary>
        public int CommandTimeoutMilliseconds = 300000;

        /// <summary>MAIL command: 5 minutes.</summary>
        public int MailFromTimeoutMilliseconds = 300000;

        /// <summary>RCPT command: 5 minutes.</summary>
        public int RcptToTimeoutMilliseconds = 300000;

        /// <summary>DATA initiation (waiting for 354): 2 minutes.</summary>
        public int DataInitiationTimeoutMilliseconds = 120000;

        /// <summary>
        /// Data block: 3 minutes. <see cref="Attendance.Core.Hardware.INetworkConnection"/> has no write timeout,
        /// so this is applied as the read timeout while the message is sent (it bounds nothing a write blocks on;
        /// the connector's socket send timeout should be set to it).
        /// </summary>
        public int DataBlockTimeoutMilliseconds = 180000;

        /// <summary>DATA termination (waiting for the 250 after "."): 10 minutes.</summary>
        public int DataTerminationTimeoutMilliseconds = 600000;

        public bool HasCredentials
        {
            get { return UserName != null && UserName.Length > 0; }
        }
    }
}
