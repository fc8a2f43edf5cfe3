using System;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    [TestClass]
    public class SmtpClientTranscriptTests
    {
        // RFC 4616 message NUL "terminal" NUL "s3cr3t-pässword" in Base64, spelled out: the board cuts a string at
        // "\0", so the test cannot build it with Convert.ToBase64String(Encoding.UTF8.GetBytes("\0terminal...")).
        private const string AuthPlainTerminalSecret = "AHRlcm1pbmFsAHMzY3IzdC1ww6Rzc3dvcmQ=";

        private const string Content = "Subject: test\r\n\r\n.leading dot\r\nline\r\n..two dots\r\n";

        [TestMethod]
        [DataRow("ab", "c", "0 97 98 0 99")]
        [DataRow("", "", "0 0")]
        [DataRow("jo\u00e3o", "p", "0 106 111 195 163 111 0 112")]
        public void Auth_plain_message_separates_user_and_password_with_nul_bytes(string user, string password, string expected)
        {
            byte[] message = SmtpSession.AuthPlainMessage(user, password);

            StringBuilder text = new StringBuilder();
            for (int i = 0; i < message.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                }

                text.Append(message[i].ToString());
            }

            Assert.AreEqual(expected, text.ToString());
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void Plain_submission_follows_the_transcript(bool oneByteAtATime)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(oneByteAtATime);
            server.Server("220 mail.example ESMTP ready\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example greets terminal.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n")
                .Client("MAIL FROM:<terminal@escola.example>")
                .Server("250 2.1.0 Ok\r\n")
                .Client("RCPT TO:<prof@escola.example>")
                .Server("250 2.1.5 Ok\r\n")
                .Client("DATA")
                .Server("354 End data with <CR><LF>.<CR><LF>\r\n")
                .ClientData()
                .Server("250 2.0.0 Ok: queued as ABC123\r\n")
                .Client("QUIT")
                .Server("221 2.0.0 Bye\r\n");
            SmtpOptions options = Options(SmtpSecurity.None);
            int[] acceptedCalls = new int[1];
            SmtpMessage message = Message(new string[] { "prof@escola.example" });
            message.Accepted = delegate(SmtpReply reply) { acceptedCalls[0]++; };

            SmtpSendResult result = new SmtpClient(new FakeNetworkConnector(server), options, null).Send(message);

            Assert.IsTrue(server.Finished);
            Assert.IsTrue(server.Disposed);
            Assert.AreEqual(1, result.AcceptedRecipients);
            Assert.AreEqual(0, result.Refusals.Length);
            Assert.AreEqual("2.0.0 Ok: queued as ABC123", result.FinalReply.Text);
            Assert.AreEqual(1, acceptedCalls[0]);
            Assert.AreEqual("Subject: test\r\n\r\n..leading dot\r\nline\r\n...two dots\r\n", server.Data);
        }

        [TestMethod]
        public void Data_without_final_line_break_gets_one_before_the_dot()
        {
            ScriptedSmtpConnection server = HappyUntilData(new ScriptedSmtpConnection(false));
            server.ClientData().Server("250 ok\r\n").Client("QUIT").Server("221 bye\r\n");
            SmtpMessage message = Message(new string[] { "prof@escola.example" });
            message.Content = new MailTextContent("no line break at the end");

            new SmtpClient(new FakeNetworkConnector(server), Options(SmtpSecurity.None), null).Send(message);

            Assert.AreEqual("no line break at the end\r\n", server.Data);
        }

        [TestMethod]
        [DataRow("500 5.5.1 command unrecognized\r\n")]
        [DataRow("502 5.5.2 not implemented\r\n")]
        public void Ehlo_refusal_falls_back_to_helo(string refusal)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 old.example SMTP\r\n")
                .Client("EHLO terminal.test")
                .Server(refusal)
                .Client("HELO terminal.test")
                .Server("250 old.example\r\n")
                .Client("MAIL FROM:<terminal@escola.example>");
            Finish(server);

            SmtpSendResult result = new SmtpClient(new FakeNetworkConnector(server), Options(SmtpSecurity.None), null)
                .Send(Message(new string[] { "prof@escola.example" }));

            Assert.IsTrue(server.Finished);
            Assert.AreEqual(1, result.AcceptedRecipients);
        }

        [TestMethod]
        public void StartTls_then_ehlo_again_then_auth_plain_with_redacted_log()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example ESMTP\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250-STARTTLS\r\n250 SIZE 1000\r\n")
                .Client("STARTTLS")
                .Server("220 2.0.0 Ready to start TLS\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250-AUTH LOGIN PLAIN\r\n250 SIZE 1000\r\n")
                .Client("AUTH PLAIN " + AuthPlainTerminalSecret)
                .Server("235 2.7.0 Authentication successful\r\n")
                .Client("MAIL FROM:<terminal@escola.example>");
            Finish(server);
            FakeNetworkConnector connector = new FakeNetworkConnector(server);

            string logged = SendWithCredentialsLogged(connector, SmtpSecurity.StartTlsRequired, "terminal", "s3cr3t-pässword");

            Assert.IsTrue(server.Finished);
            Assert.AreEqual(1, connector.TlsUpgrades);
            Assert.IsTrue(connector.LastSecurity == ConnectionSecurity.Plain);
            Assert.IsTrue(logged.IndexOf("C: AUTH PLAIN <redacted>") >= 0, logged);
            Assert.IsTrue(logged.IndexOf("S: 250-STARTTLS") >= 0, logged);
            Assert.IsTrue(logged.IndexOf("s3cr3t") < 0, logged);
            Assert.IsTrue(logged.IndexOf(AuthPlainTerminalSecret) < 0, logged);
        }

        [TestMethod]
        public void Implicit_tls_and_auth_login_keep_secrets_out_of_the_log()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(true);
            server.Server("220 mail.example ESMTP\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250 AUTH=LOGIN\r\n")
                .Client("AUTH LOGIN")
                .Server("334 VXNlcm5hbWU6\r\n")
                .Client(Convert.ToBase64String(Encoding.UTF8.GetBytes("terminal")))
                .Server("334 UGFzc3dvcmQ6\r\n")
                .Client(Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2")))
                .Server("235 ok\r\n")
                .Client("MAIL FROM:<terminal@escola.example>");
            Finish(server);
            FakeNetworkConnector connector = new FakeNetworkConnector(server);

            string logged = SendWithCredentialsLogged(connector, SmtpSecurity.ImplicitTls, "terminal", "hunter2");

            Assert.IsTrue(server.Finished);
            Assert.IsTrue(connector.LastSecurity == ConnectionSecurity.Tls);
            Assert.AreEqual(0, connector.TlsUpgrades);
            Assert.IsTrue(logged.IndexOf("hunter2") < 0);
            Assert.IsTrue(logged.IndexOf(Convert.ToBase64String(Encoding.UTF8.GetBytes("hunter2"))) < 0, logged);
            Assert.IsTrue(logged.IndexOf(Convert.ToBase64String(Encoding.UTF8.GetBytes("terminal"))) < 0, logged);
            Assert.IsTrue(logged.IndexOf("C: <redacted>") >= 0, logged);
        }

        [TestMethod]
        public void Auth_over_plain_connection_is_refused_without_sending_credentials()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250 AUTH PLAIN LOGIN\r\n")
                .Client("QUIT");
            SmtpOptions options = Options(SmtpSecurity.None);
            options.UserName = "terminal";
            options.Password = "hunter2";

            SmtpException failure = SendExpectingFailure(server, options);

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Permanent);
            Assert.IsTrue(server.Transcript.IndexOf("AUTH") < 0);
        }

        [TestMethod]
        public void Required_starttls_missing_is_permanent()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250 8BITMIME\r\n")
                .Client("QUIT");

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.StartTlsRequired));

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Permanent);
            Assert.IsTrue(failure.State == SmtpState.Ehlo);
        }

        [TestMethod]
        [DataRow(false, 0)]
        [DataRow(true, 1)]
        public void Tls_handshake_failure_is_permanent_when_configured(bool transient, int expectedKind)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250 STARTTLS\r\n")
                .Client("STARTTLS")
                .Server("220 go ahead\r\n");
            FakeNetworkConnector connector = new FakeNetworkConnector(server);
            connector.FailTls = true;
            SmtpOptions options = Options(SmtpSecurity.StartTlsRequired);
            options.TlsFailureIsPermanent = !transient;

            SmtpException failure = (SmtpException)Expect.Throws(typeof(SmtpException),
                delegate { new SmtpClient(connector, options, null).Send(Message(new string[] { "prof@escola.example" })); });

            Assert.AreEqual(expectedKind == 0 ? (int)SmtpFailureKind.Permanent : (int)SmtpFailureKind.Transient, (int)failure.Kind);
        }

        [TestMethod]
        [DataRow((int)NetworkFailure.ConnectionLost, (int)SmtpFailureKind.Transient)]
        [DataRow((int)NetworkFailure.Timeout, (int)SmtpFailureKind.Transient)]
        [DataRow((int)NetworkFailure.TlsFailed, (int)SmtpFailureKind.Permanent)]
        public void A_starttls_handshake_cut_by_the_network_is_transient_a_refused_one_permanent(int handshakeFailure, int expectedKind)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250-mail.example\r\n250 STARTTLS\r\n")
                .Client("STARTTLS")
                .Server("220 go ahead\r\n");
            FakeNetworkConnector connector = new FakeNetworkConnector(server);
            connector.FailTls = true;
            connector.TlsFailureKind = (NetworkFailure)handshakeFailure;

            SmtpException failure = (SmtpException)Expect.Throws(typeof(SmtpException),
                delegate { new SmtpClient(connector, Options(SmtpSecurity.StartTlsRequired), null).Send(Message(new string[] { "prof@escola.example" })); });

            Assert.AreEqual(expectedKind, (int)failure.Kind);
        }

        [TestMethod]
        public void A_refused_recipient_does_not_stop_the_others()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250 mail.example\r\n")
                .Client("MAIL FROM:<terminal@escola.example>")
                .Server("250 ok\r\n")
                .Client("RCPT TO:<gone@escola.example>")
                .Server("550 5.1.1 no such user\r\n")
                .Client("RCPT TO:<prof@escola.example>")
                .Server("250 ok\r\n")
                .Client("RCPT TO:<full@escola.example>")
                .Server("452 4.2.2 mailbox full\r\n")
                .Client("DATA")
                .Server("354 go\r\n")
                .ClientData()
                .Server("250 queued\r\n")
                .Client("QUIT")
                .Server("221 bye\r\n");

            SmtpSendResult result = new SmtpClient(new FakeNetworkConnector(server), Options(SmtpSecurity.None), null)
                .Send(Message(new string[] { "gone@escola.example", "prof@escola.example", "full@escola.example" }));

            Assert.AreEqual(1, result.AcceptedRecipients);
            Assert.AreEqual(2, result.Refusals.Length);
            Assert.AreEqual("gone@escola.example", result.Refusals[0].Recipient);
            Assert.AreEqual(550, result.Refusals[0].ReplyCode);
            Assert.AreEqual(452, result.Refusals[1].ReplyCode);
        }

        [TestMethod]
        [DataRow("550 no such user\r\n", "553 bad address\r\n", 1)]
        [DataRow("550 no such user\r\n", "450 try later\r\n", 0)]
        public void Every_recipient_refused_fails_typed_by_the_refusals(string first, string second, int expectedKind)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250 mail.example\r\n")
                .Client("MAIL FROM:<terminal@escola.example>")
                .Server("250 ok\r\n")
                .Client("RCPT TO:<a@escola.example>")
                .Server(first)
                .Client("RCPT TO:<b@escola.example>")
                .Server(second)
                .Client("QUIT");

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.None),
                new string[] { "a@escola.example", "b@escola.example" });

            Assert.AreEqual(expectedKind, (int)failure.Kind);
            Assert.IsTrue(server.Transcript.IndexOf("DATA") < 0);
        }

        [TestMethod]
        [DataRow(1, "421 4.3.2 shutting down\r\n", 0, 421)]
        [DataRow(1, "554 5.7.1 no service\r\n", 1, 554)]
        [DataRow(2, "451 4.3.0 local error\r\n", 0, 451)]
        [DataRow(2, "550 5.7.1 sender rejected\r\n", 1, 550)]
        [DataRow(3, "452 4.3.1 insufficient storage\r\n", 0, 452)]
        [DataRow(3, "554 5.6.0 message refused\r\n", 1, 554)]
        public void Failure_replies_are_typed_by_class(int where, string reply, int expectedKind, int expectedCode)
        {
            // where: 1 = the greeting, 2 = the reply to MAIL FROM, 3 = the reply to the end of data.
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            if (where == 2)
            {
                server.Server("220 mail.example\r\n")
                    .Client("EHLO terminal.test")
                    .Server("250 mail.example\r\n")
                    .Client("MAIL FROM:<terminal@escola.example>");
            }
            else if (where == 3)
            {
                HappyUntilData(server).ClientData();
            }

            server.Server(reply).Client("QUIT");

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.None));

            Assert.AreEqual(expectedKind, (int)failure.Kind);
            Assert.AreEqual(expectedCode, failure.ReplyCode);
            Assert.IsTrue(failure.ReplyText.Length > 0);
            Assert.IsTrue(server.Finished);
        }

        [TestMethod]
        public void Each_step_waits_with_its_own_timeout()
        {
            ScriptedSmtpConnection server = HappyUntilData(new ScriptedSmtpConnection(false));
            server.ClientData().TimeoutOnRead();
            SmtpOptions options = Options(SmtpSecurity.None);
            options.GreetingTimeoutMilliseconds = 1001;
            options.CommandTimeoutMilliseconds = 1002;
            options.MailFromTimeoutMilliseconds = 1003;
            options.RcptToTimeoutMilliseconds = 1004;
            options.DataInitiationTimeoutMilliseconds = 1005;
            options.DataTerminationTimeoutMilliseconds = 1006;

            SmtpException failure = SendExpectingFailure(server, options);

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Transient);
            Assert.IsTrue(failure.State == SmtpState.DataEnd);
            int[] timeouts = server.ReadTimeouts();
            Assert.AreEqual(6, timeouts.Length);
            Assert.AreEqual(1001, timeouts[0]);
            Assert.AreEqual(1002, timeouts[1]);
            Assert.AreEqual(1003, timeouts[2]);
            Assert.AreEqual(1004, timeouts[3]);
            Assert.AreEqual(1005, timeouts[4]);
            Assert.AreEqual(1006, timeouts[5]);
        }

        [TestMethod]
        public void Default_timeouts_follow_rfc5321()
        {
            SmtpOptions options = new SmtpOptions();
            Assert.AreEqual(300000, options.GreetingTimeoutMilliseconds);
            Assert.AreEqual(300000, options.MailFromTimeoutMilliseconds);
            Assert.AreEqual(300000, options.RcptToTimeoutMilliseconds);
            Assert.AreEqual(120000, options.DataInitiationTimeoutMilliseconds);
            Assert.AreEqual(180000, options.DataBlockTimeoutMilliseconds);
            Assert.AreEqual(600000, options.DataTerminationTimeoutMilliseconds);
        }

        [TestMethod]
        public void Connection_lost_during_data_is_transient()
        {
            ScriptedSmtpConnection server = HappyUntilData(new ScriptedSmtpConnection(false));
            server.DropOnWrite();

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.None));

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Transient);
            Assert.IsTrue(failure.State == SmtpState.DataEnd);
        }

        [TestMethod]
        public void Server_closing_at_greeting_is_transient()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.CloseOnRead();

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.None));

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Transient);
            Assert.IsTrue(failure.State == SmtpState.Greeting);
        }

        [TestMethod]
        [DataRow(0, 0)]
        [DataRow(1, 0)]
        [DataRow(2, 0)]
        [DataRow(3, 1)]
        public void Connect_failures_are_typed(int networkFailure, int expectedKind)
        {
            FakeNetworkConnector connector = new FakeNetworkConnector(
                new NetworkException((NetworkFailure)networkFailure, "scripted connect failure"));

            SmtpException failure = (SmtpException)Expect.Throws(typeof(SmtpException),
                delegate { new SmtpClient(connector, Options(SmtpSecurity.None), null).Send(Message(new string[] { "p@x.example" })); });

            Assert.AreEqual(expectedKind, (int)failure.Kind);
        }

        [TestMethod]
        public void Losing_the_connection_after_acceptance_is_still_success()
        {
            ScriptedSmtpConnection server = HappyUntilData(new ScriptedSmtpConnection(false));
            server.ClientData().Server("250 queued\r\n").DropOnWrite();
            int[] acceptedCalls = new int[1];
            SmtpMessage message = Message(new string[] { "prof@escola.example" });
            message.Accepted = delegate(SmtpReply reply) { acceptedCalls[0]++; };

            SmtpSendResult result = new SmtpClient(new FakeNetworkConnector(server), Options(SmtpSecurity.None), null).Send(message);

            Assert.AreEqual(1, acceptedCalls[0]);
            Assert.AreEqual(250, result.FinalReply.Code);
        }

        [TestMethod]
        [DataRow("250-first\r\n251 second\r\n")]
        [DataRow("hello\r\n")]
        [DataRow("25\r\n")]
        [DataRow("250x\r\n")]
        public void Malformed_replies_are_transient_protocol_errors(string greeting)
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(false);
            server.Server(greeting).Client("QUIT");

            SmtpException failure = SendExpectingFailure(server, Options(SmtpSecurity.None));

            Assert.IsTrue(failure.Kind == SmtpFailureKind.Transient);
            Assert.AreEqual(0, failure.ReplyCode);
        }

        [TestMethod]
        public void Reader_joins_multiline_replies_and_truncates_long_lines()
        {
            ScriptedSmtpConnection server = new ScriptedSmtpConnection(true);
            server.Server("250-one\r\n250-" + new string('x', 700) + "\r\n250 three\n");
            SmtpReplyReader reader = new SmtpReplyReader(64);
            reader.Attach(server);

            SmtpReply reply = reader.ReadReply(SmtpState.Ehlo);

            Assert.AreEqual(250, reply.Code);
            Assert.AreEqual(3, reply.Lines.Length);
            Assert.AreEqual("one", reply.Lines[0]);
            Assert.AreEqual(60, reply.Lines[1].Length);
            Assert.AreEqual("three", reply.Lines[2]);
        }

        [TestMethod]
        public void Capabilities_are_parsed_from_ehlo()
        {
            SmtpCapabilities capabilities = SmtpCapabilities.Parse(new SmtpReply(250, new string[]
            {
                "mail.example", "starttls", "AUTH=PLAIN", "SIZE 35882577", "8BITMIME", "PIPELINING",
            }));

            Assert.IsTrue(capabilities.StartTls);
            Assert.IsTrue(capabilities.AuthPlain);
            Assert.IsFalse(capabilities.AuthLogin);
            Assert.IsTrue(capabilities.EightBitMime);
            Assert.IsTrue(capabilities.Pipelining);
            Assert.IsTrue(capabilities.MaximumSize == 35882577L);
        }

        [TestMethod]
        [DataRow("AUTH PLAIN AGZvbwBiYXI=", true, "AUTH PLAIN <redacted>")]
        [DataRow("dXNlcg==", true, "<redacted>")]
        [DataRow("MAIL FROM:<a@b.c>", false, "MAIL FROM:<a@b.c>")]
        public void Redaction_hides_secret_lines(string command, bool secret, string expected)
        {
            Assert.AreEqual(expected, SmtpProtocolLog.Redact(command, secret));
        }

        private static ScriptedSmtpConnection HappyUntilData(ScriptedSmtpConnection server)
        {
            return server.Server("220 mail.example\r\n")
                .Client("EHLO terminal.test")
                .Server("250 mail.example\r\n")
                .Client("MAIL FROM:<terminal@escola.example>")
                .Server("250 ok\r\n")
                .Client("RCPT TO:<prof@escola.example>")
                .Server("250 ok\r\n")
                .Client("DATA")
                .Server("354 go\r\n");
        }

        /// <summary>Completes a script whose last step was the client's MAIL FROM.</summary>
        private static void Finish(ScriptedSmtpConnection server)
        {
            server.Server("250 ok\r\n")
                .Client("RCPT TO:<prof@escola.example>")
                .Server("250 ok\r\n")
                .Client("DATA")
                .Server("354 go\r\n")
                .ClientData()
                .Server("250 queued\r\n")
                .Client("QUIT")
                .Server("221 bye\r\n");
        }

        private static SmtpException SendExpectingFailure(ScriptedSmtpConnection server, SmtpOptions options)
        {
            return SendExpectingFailure(server, options, new string[] { "prof@escola.example" });
        }

        private static SmtpException SendExpectingFailure(ScriptedSmtpConnection server, SmtpOptions options, string[] recipients)
        {
            FakeNetworkConnector connector = new FakeNetworkConnector(server);
            return (SmtpException)Expect.Throws(typeof(SmtpException),
                delegate { new SmtpClient(connector, options, null).Send(Message(recipients)); });
        }

        /// <summary>Sends one message with credentials and the protocol log on; returns everything logged.</summary>
        private static string SendWithCredentialsLogged(FakeNetworkConnector connector, SmtpSecurity security, string userName, string password)
        {
            MailRecordingLog log = new MailRecordingLog();
            SmtpOptions options = Options(security);
            options.UserName = userName;
            options.Password = password;
            options.ProtocolLogEnabled = true;

            new SmtpClient(connector, options, log).Send(Message(new string[] { "prof@escola.example" }));

            return log.All();
        }

        private static SmtpOptions Options(SmtpSecurity security)
        {
            SmtpOptions options = new SmtpOptions();
            options.Host = "mail.example";
            options.Port = 587;
            options.Security = security;
            options.ClientDomain = "terminal.test";
            return options;
        }

        private static SmtpMessage Message(string[] recipients)
        {
            SmtpMessage message = new SmtpMessage();
            message.Sender = "terminal@escola.example";
            message.Recipients = recipients;
            message.Content = new MailTextContent(Content);
            return message;
        }
    }
}
