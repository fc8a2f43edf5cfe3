namespace Attendance.Core.Mail.Smtp
{
    /// <summary>What the client must do after <see cref="SmtpSession.Step"/> has handled a reply.</summary>
    public enum SmtpAction
    {
        /// <summary>Send <see cref="SmtpSession.Command"/> and read the next reply.</summary>
        SendCommand = 0,

        /// <summary>Run the TLS handshake on the connection, drop anything buffered, then send the command (EHLO).</summary>
        StartTls = 1,

        /// <summary>Send the message, dot-stuffed, and the final CRLF "." CRLF; then read the next reply.</summary>
        SendMessage = 2,

        /// <summary>The server answered 250 to the final ".": record the message as sent, then send the command (QUIT).</summary>
        MessageAccepted = 3,

        /// <summary>Nothing more to send; close the connection.</summary>
        Finished = 4,
    }
}
