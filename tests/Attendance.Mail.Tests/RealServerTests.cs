using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Mail;
using Attendance.Host.Adapters;
using MimeKit;

namespace Attendance.Mail.Tests;

[TestClass]
public class RealServerTests
{
    [TestMethod]
    public void Attendance_mail_round_trips_accents_in_subject_body_and_csv()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: false);
        RollReport report = MailSampleReports.Small();
        var (outbox, _) = NewOutbox(peer, Options(peer, SmtpSecurity.None), report);
        outbox.Enqueue(Roll(report.RollId));

        Assert.AreEqual(1, outbox.ProcessDue().Sent);

        MimeMessage message = Single(peer);
        Assert.AreEqual("Chamada: Engenharia Civil - Cálculo Diferencial e Integral I - 05/02/2024", message.Subject);
        Assert.AreEqual("Conceição Araújo", ((MailboxAddress)message.To[0]).Name);
        Assert.AreEqual("<roll.T12-20240205T170000Z@escola.example>", "<" + message.MessageId + ">");
        Assert.AreEqual(new DateTimeOffset(2024, 2, 5, 15, 40, 0, TimeSpan.FromHours(-3)), message.Date);
        string body = message.TextBody!;
        StringAssert.Contains(body, "João Conceição");
        StringAssert.Contains(body, "Ñandú Müller  14:20:00  [NÃO MATRICULADO, ATRASADO]");
        MimePart csv = message.Attachments.OfType<MimePart>().Single();
        Assert.AreEqual("presença-Cálculo Diferencial e Integral I-2024-02-05.csv", csv.FileName);
        string[] records = CsvRecords(csv);
        Assert.AreEqual("20231234;João Conceição;05/02/2024;14:02:10;matriculado;não", records[1]);
        Assert.AreEqual("20239876;Ñandú Müller;05/02/2024;14:20:00;NÃO MATRICULADO;sim", records[2]);
        Assert.AreEqual("terminal-12@escola.example", ((MailboxAddress)message.From[0]).Address);
        CollectionAssert.AreEqual(new[] { "conceicao.araujo@escola.example", "secretaria@escola.example" },
            File.ReadAllLines(Path.ChangeExtension(peer.Messages()[0], ".rcpt")));
    }

    [TestMethod]
    public void Lines_beginning_with_a_dot_survive_data()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: false);
        string text = "Subject: dots\r\n\r\n.\r\n..\r\n.leading\r\nlast\r\n";
        var message = new SmtpMessage
        {
            Sender = "terminal@escola.example",
            Recipients = ["prof@escola.example"],
            Content = new MailTextContent(text),
        };

        new SmtpClient(PinnedConnector(null), Options(peer, SmtpSecurity.None), null).Send(message);

        // The server un-stuffs what it received; the stored message must be exactly what the client meant.
        Assert.AreEqual(text, File.ReadAllText(peer.Messages()[0]));
        Assert.AreEqual(".\n..\n.leading\nlast\n", MimeMessage.Load(peer.Messages()[0]).TextBody!.ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void A_400_student_roll_is_delivered_whole()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: false);
        RollReport report = MailSampleReports.Large(400);
        var (outbox, _) = NewOutbox(peer, Options(peer, SmtpSecurity.None), report);
        outbox.Enqueue(Roll(report.RollId));

        Assert.AreEqual(1, outbox.ProcessDue().Sent);

        MimeMessage message = Single(peer);
        string[] records = CsvRecords(message.Attachments.OfType<MimePart>().Single());
        Assert.AreEqual(401, records.Length);
        Assert.AreEqual("20230399;Estudante Conceição da Silva Müller Ñandú 399;05/02/2024;14:46:33;matriculado;sim", records[400]);
        StringAssert.Contains(message.TextBody, "400. 20230399  Estudante Conceição da Silva Müller Ñandú 399  14:46:33  [ATRASADO]");
    }

    [TestMethod]
    public void Starttls_with_auth_delivers()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: true, user: "terminal", password: "pässword-1");
        SmtpOptions options = Options(peer, SmtpSecurity.StartTlsRequired);
        options.UserName = "terminal";
        options.Password = "pässword-1";
        options.ProtocolLogEnabled = true;
        var log = new MailRecordingLog();
        var message = new SmtpMessage
        {
            Sender = "terminal@escola.example",
            Recipients = ["prof@escola.example"],
            Content = new MailTextContent("Subject: tls\r\n\r\nsecret body\r\n"),
        };

        new SmtpClient(PinnedConnector(peer.Thumbprint), options, log).Send(message);

        Assert.AreEqual("tls", MimeMessage.Load(peer.Messages()[0]).Subject);
        StringAssert.Contains(log.All(), "C: STARTTLS");
        StringAssert.Contains(log.All(), "C: AUTH PLAIN <redacted>");
        Assert.IsFalse(log.All().Contains("pässword"));
    }

    [TestMethod]
    public void Wrong_password_is_a_permanent_failure_and_untrusted_certificate_too()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: true, user: "terminal", password: "right");
        SmtpOptions options = Options(peer, SmtpSecurity.StartTlsRequired);
        options.UserName = "terminal";
        options.Password = "wrong";
        var message = new SmtpMessage
        {
            Sender = "terminal@escola.example",
            Recipients = ["prof@escola.example"],
            Content = new MailTextContent("Subject: x\r\n\r\nx\r\n"),
        };

        var refused = Assert.Throws<SmtpException>(() => new SmtpClient(PinnedConnector(peer.Thumbprint), options, null).Send(message));
        Assert.AreEqual(SmtpFailureKind.Permanent, refused.Kind, refused.Message);
        Assert.AreEqual(535, refused.ReplyCode);

        var untrusted = Assert.Throws<SmtpException>(() => new SmtpClient(PinnedConnector("00"), options, null).Send(message));
        Assert.AreEqual(SmtpFailureKind.Permanent, untrusted.Kind);
        Assert.AreEqual(0, peer.Messages().Length);
    }

    [TestMethod]
    [DataRow("421-mail")]
    [DataRow("451-mail")]
    [DataRow("drop-data")]
    public void Transient_failure_is_retried_and_delivered_once(string failure)
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: false);
        peer.Control(failure);
        RollReport report = MailSampleReports.Small();
        var (outbox, clock) = NewOutbox(peer, Options(peer, SmtpSecurity.None), report);
        outbox.Enqueue(Roll(report.RollId));

        Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
        Assert.AreEqual(0, peer.Messages().Length);
        clock.AdvanceSeconds(30);
        Assert.AreEqual(1, outbox.ProcessDue().Sent);
        clock.AdvanceSeconds(3600);
        Assert.IsTrue(outbox.ProcessDue().Empty);

        Assert.AreEqual(1, peer.Messages().Length);
        Assert.AreEqual("roll.T12-20240205T170000Z@escola.example", Single(peer).MessageId);
    }

    [TestMethod]
    public void Refused_recipients_fail_permanently_and_the_roll_is_kept()
    {
        using SmtpPeer peer = SmtpPeer.Start(tls: false);
        peer.Control("550-rcpt");
        RollReport report = MailSampleReports.Small();
        var (outbox, _) = NewOutbox(peer, Options(peer, SmtpSecurity.None), report);
        outbox.Enqueue(Roll(report.RollId));

        OutboxResult result = outbox.ProcessDue();

        Assert.AreEqual(1, result.FailedPermanently);
        OutboxEntry entry = outbox.Entries().Single();
        Assert.AreEqual(OutboxEntryStatus.Failed, entry.Status);
        Assert.AreEqual(550, entry.LastReplyCode);
        Assert.AreEqual(0, peer.Messages().Length);
    }

    private static (Outbox, FakeClock) NewOutbox(SmtpPeer peer, SmtpOptions options, RollReport report)
    {
        var clock = new FakeClock(new DateTime(2024, 2, 5, 19, 0, 0));
        var outboxOptions = new OutboxOptions { Message = MailSampleReports.Settings() };
        var client = new SmtpClient(PinnedConnector(peer.Thumbprint), options, null);
        return (new Outbox(new InMemoryDurableStore(), new FixedReportBuilder(report), client, clock, outboxOptions, null), clock);
    }

    /// <summary>
    /// The production connector, trusting exactly the test server's self-signed certificate (pinned by
    /// thumbprint); null trusts no certificate (plain-text tests).
    /// </summary>
    private static SocketNetworkConnector PinnedConnector(string? trustedThumbprint) => new()
    {
        CertificateValidation = (object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
            certificate != null && trustedThumbprint != null
            && string.Equals(certificate.GetCertHashString(), trustedThumbprint, StringComparison.OrdinalIgnoreCase),
    };

    private static SmtpOptions Options(SmtpPeer peer, SmtpSecurity security) => new()
    {
        Host = "127.0.0.1",
        Port = peer.Port,
        Security = security,
        ClientDomain = "terminal.test",
        ConnectTimeoutMilliseconds = 5000,
        GreetingTimeoutMilliseconds = 10000,
        CommandTimeoutMilliseconds = 10000,
        MailFromTimeoutMilliseconds = 10000,
        RcptToTimeoutMilliseconds = 10000,
        DataInitiationTimeoutMilliseconds = 10000,
        DataBlockTimeoutMilliseconds = 10000,
        DataTerminationTimeoutMilliseconds = 10000,
    };

    private static ClosedRoll Roll(string rollId) => new()
    {
        RollId = rollId,
        TerminalId = "T12",
        ProfessorCode = "P0042",
        StudentCodes = [],
        SwipeTimesUtc = [],
    };

    private static MimeMessage Single(SmtpPeer peer)
    {
        string[] messages = peer.Messages();
        Assert.AreEqual(1, messages.Length);
        return MimeMessage.Load(messages[0]);
    }

    private static string[] CsvRecords(MimePart csv)
    {
        using var stream = new MemoryStream();
        csv.Content!.DecodeTo(stream);
        byte[] bytes = stream.ToArray();
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class FixedReportBuilder(RollReport report) : IRollReportBuilder
    {
        public RollReport Build(ClosedRoll roll, ReportEntryArea area) => report;
    }
}
