using System;
using System.Collections;
using System.Text;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// The SMTP client's decisions, without any input or output: given the reply the current state expects, pick
    /// the next state and the next command. The <see cref="SmtpClient"/> does the reading and writing. Keeping
    /// them apart makes every transition testable with a reply table.
    /// </summary>
    public class SmtpSession
    {
        private readonly SmtpOptions _options;
        private readonly string _sender;
        private readonly string[] _recipients;
        private readonly ArrayList _refused = new ArrayList();
        private int _recipientIndex;
        private int _acceptedRecipients;
        private bool _tlsStarted;

        public SmtpSession(SmtpOptions options, string sender, string[] recipients)
        {
            _options = options;
            _sender = sender;
            _recipients = recipients;
            State = SmtpState.Greeting;
            Capabilities = new SmtpCapabilities();
        }

        public SmtpState State { get; private set; }

        /// <summary>The next command line to send, without CRLF.</summary>
        public string Command { get; private set; }

        /// <summary>True when <see cref="Command"/> carries credentials and must not be logged.</summary>
        public bool CommandIsSecret { get; private set; }

        public SmtpCapabilities Capabilities { get; private set; }

        public int AcceptedRecipients
        {
            get { return _acceptedRecipients; }
        }

        /// <summary>Recipients the server refused, as <see cref="SmtpRefusal"/>.</summary>
        public SmtpRefusal[] Refusals()
        {
            SmtpRefusal[] refusals = new SmtpRefusal[_refused.Count];
            _refused.CopyTo(refusals);
            return refusals;
        }

        /// <summary>How long to wait for the reply the current state expects (RFC 5321 section 4.5.3.2).</summary>
        public int ReplyTimeoutMilliseconds
        {
            get
            {
                switch (State)
                {
                    case SmtpState.Greeting:
                        return _options.GreetingTimeoutMilliseconds;
                    case SmtpState.MailFrom:
                        return _options.MailFromTimeoutMilliseconds;
                    case SmtpState.RcptTo:
                        return _options.RcptToTimeoutMilliseconds;
                    case SmtpState.Data:
                        return _options.DataInitiationTimeoutMilliseconds;
                    case SmtpState.DataEnd:
                        return _options.DataTerminationTimeoutMilliseconds;
                    default:
                        return _options.CommandTimeoutMilliseconds;
                }
            }
        }

        /// <summary>
        /// Handles one whole reply. Returns what to do next; throws <see cref="SmtpException"/> when the exchange
        /// cannot continue (the client then closes the connection).
        /// </summary>
        public SmtpAction Step(SmtpReply reply, bool connectionIsSecure)
        {
            CommandIsSecret = false;
            switch (State)
            {
                case SmtpState.Greeting:
                    Require(reply, 220, "Greeting");
                    return Send(SmtpState.Ehlo, "EHLO " + _options.ClientDomain);

                case SmtpState.Ehlo:
                    if (reply.Code == 250)
                    {
                        Capabilities = SmtpCapabilities.Parse(reply);
                        return AfterHello(connectionIsSecure);
                    }

                    // A server that does not know EHLO answers 500/502 (RFC 5321 section 4.1.4 and 3.2).
                    if (reply.Class == 5 && !_tlsStarted)
                    {
                        return Send(SmtpState.Helo, "HELO " + _options.ClientDomain);
                    }

                    throw SmtpException.FromReply(State, reply, "EHLO refused");

                case SmtpState.Helo:
                    Require(reply, 250, "HELO refused");
                    Capabilities = new SmtpCapabilities();
                    return AfterHello(connectionIsSecure);

                case SmtpState.StartTls:
                    if (reply.Code == 220)
                    {
                        _tlsStarted = true;
                        State = SmtpState.Ehlo;

                        // RFC 3207 section 4.2: forget everything learnt before TLS and ask again.
                        Capabilities = new SmtpCapabilities();
                        Command = "EHLO " + _options.ClientDomain;
                        return SmtpAction.StartTls;
                    }

                    if (_options.Security == SmtpSecurity.StartTlsWhenAvailable && reply.Class == 4)
                    {
                        // 454 "TLS not available": opportunistic TLS carries on in the clear (RFC 3207 section 4).
                        return AfterTlsDecision(connectionIsSecure);
                    }

                    throw SmtpException.FromReply(State, reply, "STARTTLS refused");

                case SmtpState.AuthPlain:
                case SmtpState.AuthLoginResult:
                    if (reply.Code == 235)
                    {
                        return StartMail();
                    }

                    throw AuthenticationFailed(reply);

                case SmtpState.AuthLoginUser:
                    if (reply.Code != 334)
                    {
                        throw AuthenticationFailed(reply);
                    }

                    CommandIsSecret = true;
                    return Send(SmtpState.AuthLoginPassword, Base64(_options.UserName));

                case SmtpState.AuthLoginPassword:
                    if (reply.Code != 334)
                    {
                        throw AuthenticationFailed(reply);
                    }

                    CommandIsSecret = true;
                    return Send(SmtpState.AuthLoginResult, Base64(_options.Password));

                case SmtpState.MailFrom:
                    Require(reply, 250, "MAIL FROM refused");
                    return NextRecipient();

                case SmtpState.RcptTo:
                    if (reply.Code == 250 || reply.Code == 251)
                    {
                        _acceptedRecipients++;
                    }
                    else if (reply.Class == 4 || reply.Class == 5)
                    {
                        // One refused recipient does not stop the others (RFC 5321 section 3.3).
                        _refused.Add(new SmtpRefusal(_recipients[_recipientIndex], reply.Code, reply.Text));
                    }
                    else
                    {
                        throw Unexpected(reply);
                    }

                    _recipientIndex++;
                    return NextRecipient();

                case SmtpState.Data:
                    Require(reply, 354, "DATA refused");
                    State = SmtpState.DataEnd;
                    Command = null;
                    return SmtpAction.SendMessage;

                case SmtpState.DataEnd:
                    Require(reply, 250, "Message refused");
                    State = SmtpState.Quit;
                    Command = "QUIT";
                    return SmtpAction.MessageAccepted;

                case SmtpState.Quit:
                    State = SmtpState.Done;
                    Command = null;
                    return SmtpAction.Finished;

                default:
                    throw new SmtpException(SmtpFailureKind.Transient, State, reply.Code, reply.Text,
                        "A reply arrived after the exchange ended: " + reply.ToString());
            }
        }

        private SmtpAction AfterHello(bool connectionIsSecure)
        {
            if (!connectionIsSecure && !_tlsStarted
                && (_options.Security == SmtpSecurity.StartTlsRequired || _options.Security == SmtpSecurity.StartTlsWhenAvailable))
            {
                if (Capabilities.StartTls)
                {
                    return Send(SmtpState.StartTls, "STARTTLS");
                }

                if (_options.Security == SmtpSecurity.StartTlsRequired)
                {
                    throw new SmtpException(SmtpFailureKind.Permanent, State, 0, string.Empty,
                        "The server does not offer STARTTLS, which the configuration requires.");
                }
            }

            return AfterTlsDecision(connectionIsSecure);
        }

        private SmtpAction AfterTlsDecision(bool connectionIsSecure)
        {
            if (!_options.HasCredentials)
            {
                return StartMail();
            }

            if (!connectionIsSecure && !_options.AllowAuthenticationWithoutTls)
            {
                throw new SmtpException(SmtpFailureKind.Permanent, State, 0, string.Empty,
                    "Refusing to send credentials over an unencrypted connection (enable TLS or allow it explicitly).");
            }

            if (Capabilities.AuthPlain)
            {
                // RFC 4616 section 2: [authzid] NUL authcid NUL passwd, sent as the initial response (RFC 4954 section 4).
                CommandIsSecret = true;
                // The NUL separators are bytes, not chars: a nanoFramework string is NUL-terminated UTF-8, so
                // "\0" + user would lose everything from the first NUL on (docs/subset.md, rule NANO016).
                return Send(SmtpState.AuthPlain, "AUTH PLAIN " + Base64(AuthPlainMessage(_options.UserName, _options.Password)));
            }

            if (Capabilities.AuthLogin)
            {
                return Send(SmtpState.AuthLoginUser, "AUTH LOGIN");
            }

            throw new SmtpException(SmtpFailureKind.Permanent, State, 0, string.Empty,
                Capabilities.Auth
                    ? "The server offers no AUTH mechanism the terminal speaks (PLAIN, LOGIN)."
                    : "Credentials are configured but the server does not offer AUTH.");
        }

        private SmtpAction StartMail()
        {
            return Send(SmtpState.MailFrom, "MAIL FROM:<" + _sender + ">");
        }

        private SmtpAction NextRecipient()
        {
            if (_recipientIndex < _recipients.Length)
            {
                return Send(SmtpState.RcptTo, "RCPT TO:<" + _recipients[_recipientIndex] + ">");
            }

            if (_acceptedRecipients == 0)
            {
                // Every recipient refused: permanent only if every refusal was permanent.
                SmtpFailureKind kind = SmtpFailureKind.Permanent;
                int code = 0;
                string text = string.Empty;
                for (int i = 0; i < _refused.Count; i++)
                {
                    SmtpRefusal refusal = (SmtpRefusal)_refused[i];
                    code = refusal.ReplyCode;
                    text = refusal.ReplyText;
                    if (refusal.ReplyCode / 100 == 4)
                    {
                        kind = SmtpFailureKind.Transient;
                    }
                }

                throw new SmtpException(kind, SmtpState.RcptTo, code, text, "Every recipient was refused.");
            }

            return Send(SmtpState.Data, "DATA");
        }

        private SmtpAction Send(SmtpState next, string command)
        {
            State = next;
            Command = command;
            return SmtpAction.SendCommand;
        }

        private void Require(SmtpReply reply, int code, string what)
        {
            if (reply.Code != code)
            {
                if (reply.Class == 4 || reply.Class == 5)
                {
                    throw SmtpException.FromReply(State, reply, what);
                }

                throw Unexpected(reply);
            }
        }

        private SmtpException Unexpected(SmtpReply reply)
        {
            // A reply outside the command's grammar: the server is confused; a new connection may do better.
            return new SmtpException(SmtpFailureKind.Transient, State, reply.Code, reply.Text,
                "Unexpected reply in state " + StateName(State) + ": " + reply.ToString());
        }

        private SmtpException AuthenticationFailed(SmtpReply reply)
        {
            // 535 means the credentials are wrong; 454 and other 4xx are the server's temporary trouble (RFC 4954 section 6).
            SmtpFailureKind kind = reply.Class == 4 || (!_options.AuthenticationFailureIsPermanent && reply.Code == 535)
                ? SmtpFailureKind.Transient
                : SmtpFailureKind.Permanent;
            return new SmtpException(kind, State, reply.Code, reply.Text, "Authentication failed: " + reply.ToString());
        }

        private static string Base64(string text)
        {
            return Base64(Encoding.UTF8.GetBytes(text));
        }

        private static string Base64(byte[] data)
        {
            // The board's Convert.ToBase64String returns garbage for an empty array (its mbedtls encoder writes no
            // terminator when there is nothing to encode), so the empty case never reaches it.
            return data.Length == 0 ? string.Empty : Convert.ToBase64String(data);
        }

        /// <summary>RFC 4616 section 2 message: empty authzid, NUL, authcid, NUL, passwd, as UTF-8 bytes.</summary>
        public static byte[] AuthPlainMessage(string userName, string password)
        {
            byte[] user = Encoding.UTF8.GetBytes(userName);
            byte[] secret = Encoding.UTF8.GetBytes(password);
            byte[] message = new byte[user.Length + secret.Length + 2];
            // message[0] and message[user.Length + 1] stay 0: the two NUL separators.
            Array.Copy(user, 0, message, 1, user.Length);
            Array.Copy(secret, 0, message, user.Length + 2, secret.Length);
            return message;
        }

        public static string StateName(SmtpState state)
        {
            switch (state)
            {
                case SmtpState.Greeting: return "Greeting";
                case SmtpState.Ehlo: return "Ehlo";
                case SmtpState.Helo: return "Helo";
                case SmtpState.StartTls: return "StartTls";
                case SmtpState.AuthPlain: return "AuthPlain";
                case SmtpState.AuthLoginUser: return "AuthLoginUser";
                case SmtpState.AuthLoginPassword: return "AuthLoginPassword";
                case SmtpState.AuthLoginResult: return "AuthLoginResult";
                case SmtpState.MailFrom: return "MailFrom";
                case SmtpState.RcptTo: return "RcptTo";
                case SmtpState.Data: return "Data";
                case SmtpState.DataEnd: return "DataEnd";
                case SmtpState.Quit: return "Quit";
                default: return "Done";
            }
        }
    }
}
