using System;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// The board's SMTP submission client: opens a connection, then loops "read one whole reply, let the
    /// session decide, do what it says" until the message is accepted or the session gives up. One connection
    /// per message; no PIPELINING (one command in flight keeps the state machine one step per reply).
    /// </summary>
    public class SmtpClient : ISmtpSender
    {
        /// <summary>Reply buffer: RFC 5321 section 4.5.3.1.5 limits reply lines to 512 octets.</summary>
        public const int ReplyBufferSize = 512;

        /// <summary>
        /// DATA is written to the connection in chunks of this size: one full TCP segment on Ethernet (MSS 1460,
        /// also lwIP's default on the ESP32 and STM32 ports), so each socket send fills a packet instead of a third
        /// of one, at the cost of 1.4 KB of heap while sending.
        /// </summary>
        public const int DataChunkSize = 1460;

        private readonly INetworkConnector _connector;
        private readonly SmtpOptions _options;
        private readonly IEventLog _log;
        private readonly SmtpProtocolLog _protocolLog;

        public SmtpClient(INetworkConnector connector, SmtpOptions options, IEventLog log)
        {
            _connector = connector;
            _options = options;
            _log = log;
            _protocolLog = new SmtpProtocolLog(log, options.ProtocolLogEnabled);
        }

        public SmtpSendResult Send(SmtpMessage message)
        {
            SmtpSession session = new SmtpSession(_options, message.Sender, message.Recipients);
            SmtpReplyReader reader = new SmtpReplyReader(ReplyBufferSize);
            INetworkConnection connection = null;
            bool accepted = false;
            SmtpReply finalReply = null;
            try
            {
                ConnectionSecurity security = _options.Security == SmtpSecurity.ImplicitTls
                    ? ConnectionSecurity.Tls
                    : ConnectionSecurity.Plain;
                connection = _connector.Connect(_options.Host, _options.Port, security, _options.ConnectTimeoutMilliseconds);
                reader.Attach(connection);
                while (true)
                {
                    connection.ReadTimeoutMilliseconds = session.ReplyTimeoutMilliseconds;
                    SmtpReply reply = reader.ReadReply(session.State);
                    _protocolLog.Server(reply);
                    SmtpAction action = session.Step(reply, connection.IsSecure);
                    if (action == SmtpAction.Finished)
                    {
                        break;
                    }

                    if (action == SmtpAction.StartTls)
                    {
                        connection = _connector.StartTls(connection, _options.Host);
                        reader.Attach(connection);
                    }
                    else if (action == SmtpAction.SendMessage)
                    {
                        connection.ReadTimeoutMilliseconds = _options.DataBlockTimeoutMilliseconds;
                        DotStuffingSink data = new DotStuffingSink(connection, DataChunkSize);
                        message.Content.WriteTo(data);
                        data.Finish();
                        _protocolLog.Client("<message, " + data.TotalBytes.ToString() + " bytes> .", false);
                        continue;
                    }
                    else if (action == SmtpAction.MessageAccepted)
                    {
                        accepted = true;
                        finalReply = reply;
                        if (message.Accepted != null)
                        {
                            message.Accepted(reply);
                        }

                        Quit(connection, reader, session);
                        break;
                    }

                    WriteCommand(connection, session.Command, session.CommandIsSecret);
                }
            }
            catch (NetworkException exception)
            {
                if (!accepted)
                {
                    throw FromNetwork(session.State, exception);
                }
            }
            catch (SmtpException)
            {
                if (!accepted)
                {
                    TryQuit(connection);
                    throw;
                }
            }
            finally
            {
                if (connection != null)
                {
                    connection.Dispose();
                }
            }

            SmtpRefusal[] refusals = session.Refusals();
            for (int i = 0; i < refusals.Length; i++)
            {
                Log(LogLevel.Warning, "Recipient " + refusals[i].Recipient + " refused: " + refusals[i].ReplyCode.ToString()
                    + " " + refusals[i].ReplyText);
            }

            return new SmtpSendResult(session.AcceptedRecipients, refusals, finalReply);
        }

        /// <summary>QUIT after acceptance: the message is the server's now, so any failure here is only logged.</summary>
        private void Quit(INetworkConnection connection, SmtpReplyReader reader, SmtpSession session)
        {
            try
            {
                WriteCommand(connection, session.Command, false);
                connection.ReadTimeoutMilliseconds = session.ReplyTimeoutMilliseconds;
                SmtpReply reply = reader.ReadReply(session.State);
                _protocolLog.Server(reply);
                session.Step(reply, connection.IsSecure);
            }
            catch (NetworkException exception)
            {
                Log(LogLevel.Debug, "QUIT after acceptance failed: " + exception.Message);
            }
            catch (SmtpException exception)
            {
                Log(LogLevel.Debug, "QUIT after acceptance failed: " + exception.Message);
            }
        }

        /// <summary>Says goodbye after a refusal when the connection still works; failures are irrelevant then.</summary>
        private void TryQuit(INetworkConnection connection)
        {
            if (connection == null)
            {
                return;
            }

            try
            {
                byte[] quit = Encoding.UTF8.GetBytes("QUIT\r\n");
                connection.Write(quit, 0, quit.Length);
                _protocolLog.Client("QUIT", false);
            }
            catch (NetworkException)
            {
            }
        }

        private void WriteCommand(INetworkConnection connection, string command, bool secret)
        {
            _protocolLog.Client(command, secret);
            byte[] bytes = Encoding.UTF8.GetBytes(command + "\r\n");
            connection.Write(bytes, 0, bytes.Length);
        }

        private SmtpException FromNetwork(SmtpState state, NetworkException exception)
        {
            SmtpFailureKind kind = exception.Failure == NetworkFailure.TlsFailed && _options.TlsFailureIsPermanent
                ? SmtpFailureKind.Permanent
                : SmtpFailureKind.Transient;
            return new SmtpException(kind, state, "Network failure in state " + SmtpSession.StateName(state) + ": "
                + exception.Message, exception);
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, SmtpProtocolLog.Source, message);
            }
        }
    }
}
