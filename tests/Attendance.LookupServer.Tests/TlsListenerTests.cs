using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConnectionSecurity = Attendance.Core.Hardware.ConnectionSecurity;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;
using Attendance.Host.Adapters;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The lookup server with "Lookup:Tls" (implicit TLS) against the board's client over the PC's SslStream
/// connector, with certificates made at test time. One TLS server (SQLite, PKCS#12 certificate) for the class.
/// </summary>
[TestClass]
public class TlsListenerTests
{
    private const string Password = "pfx p@ss#word";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "attendance-tls-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private static X509Certificate2? _serverCertificate;
    private static X509Certificate2? _otherCertificate;
    private static RunningServer? _server;
    private static readonly CapturingLoggerProvider Logs = new();

    private static RunningServer Server => _server ?? throw new InvalidOperationException("Not started.");

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _serverCertificate = TestCertificates.Create("attendance-lookup-test");
        _otherCertificate = TestCertificates.Create("attendance-lookup-other");
        var pfx = TestCertificates.WritePkcs12(_serverCertificate, Folder, Password);
        var database = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, database);
        _server = await RunningServer.StartAsync(Servers.Sqlite, database, Logs,
            "Tls:CertificatePath=" + pfx, "Tls:Password=" + Password, "Tls:HandshakeTimeoutSeconds=1");
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_server != null)
        {
            await _server.DisposeAsync();
        }

        _serverCertificate?.Dispose();
        _otherCertificate?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [TestMethod]
    public async Task A_roll_over_TLS_gives_the_same_report_as_over_plain_TCP()
    {
        var plain = await Servers.GetAsync(Servers.Sqlite);
        var roll = Roll("A2001", "A2004", "X0000", "A2002");

        var overPlain = await BuildAsync(NewClient(plain.Port, ConnectionSecurity.Plain, null), roll);
        var overTls = await BuildAsync(NewClient(Server.Port, ConnectionSecurity.Tls, _serverCertificate), roll);

        Assert.AreEqual("Conceição Araújo", overTls.ProfessorName);
        Assert.AreEqual("conceicao.araujo@example.edu", overTls.ProfessorEmail);
        Assert.AreEqual(Describe(overPlain), Describe(overTls));
    }

    [TestMethod]
    public async Task A_PEM_certificate_and_key_serve_TLS_too()
    {
        var (certificatePath, keyPath) = TestCertificates.WritePem(_serverCertificate!, Folder);
        var database = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, database);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, database, null,
            "Tls:CertificatePath=" + certificatePath, "Tls:KeyPath=" + keyPath);

        var directory = new LookupProfessorDirectory(NewClient(server.Port, ConnectionSecurity.Tls, _serverCertificate));

        Assert.AreEqual("conceicao.araujo@example.edu", await Task.Run(() => directory.FindProfessorEmail("P1001")));
    }

    [TestMethod]
    public async Task The_terminal_key_is_still_required_over_TLS()
    {
        var client = NewClient(Server.Port, ConnectionSecurity.Tls, _serverCertificate, HexText.ToBytes("00112233445566778899aabbccddeeff"));

        var failure = await Assert.ThrowsAsync<LookupException>(() => BuildAsync(client, Roll("A2001")));

        Assert.AreEqual(LookupFailure.KeyRefused, failure.Failure);
        StringAssert.Contains(failure.Message, "refused the key of terminal");
    }

    [TestMethod]
    public async Task A_client_that_trusts_another_certificate_is_Refused_once_and_others_are_still_served()
    {
        var untrusting = NewClient(Server.Port, ConnectionSecurity.Tls, _otherCertificate);

        var failure = await Assert.ThrowsAsync<LookupException>(() => BuildAsync(untrusting, Roll("A2001")));

        Assert.AreEqual(LookupFailure.Refused, failure.Failure);
        Assert.AreEqual(1, untrusting.LastConnections, "a certificate problem is not retried");
        StringAssert.Contains(failure.Message, "TLS");
        await AssertServedAsync();
    }

    [TestMethod]
    [DataRow("NOMEALUNO|A2001\r\n")]
    [DataRow("")]
    public async Task A_plain_text_client_is_closed_and_the_server_keeps_serving(string sent)
    {
        using var plain = new TcpClient();
        await plain.ConnectAsync("127.0.0.1", Server.Port);
        var stream = plain.GetStream();
        if (sent.Length > 0)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(sent));
        }

        // Not a TLS record: the handshake fails at once; nothing at all: the 1 s handshake timeout closes it.
        // Either way the server answers nothing in clear and ends the connection.
        var received = await ReadToEndAsync(stream, TimeSpan.FromSeconds(15));

        Assert.AreEqual("", received);
        await AssertServedAsync();
        Assert.IsTrue(Logs.Lines.Any(line => line.StartsWith("Warning TLS handshake with 127.0.0.1:", StringComparison.Ordinal)), string.Join("\n", Logs.Lines));
        Assert.IsFalse(Logs.Lines.Any(line => line.Contains(Password, StringComparison.Ordinal) || line.Contains(TestData.TerminalKeyHex, StringComparison.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public async Task The_board_client_without_TLS_against_the_TLS_server_fails_without_reading_anything()
    {
        var client = NewClient(Server.Port, ConnectionSecurity.Plain, null);

        var failure = await Assert.ThrowsAsync<LookupException>(() => BuildAsync(client, Roll("A2001")));

        // It waits for a greeting that never comes in clear; the server's handshake timeout closes it.
        Assert.AreEqual(LookupFailure.Unreachable, failure.Failure);
        await AssertServedAsync();
    }

    [TestMethod]
    public async Task A_busy_TLS_server_says_so_inside_TLS_and_the_client_reports_Unreachable()
    {
        var pfx = TestCertificates.WritePkcs12(_serverCertificate!, Folder, Password);
        var database = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, database);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, database, null,
            "Tls:CertificatePath=" + pfx, "Tls:Password=" + Password, "MaxConnections=0");
        var client = NewClient(server.Port, ConnectionSecurity.Tls, _serverCertificate);

        var failure = await Assert.ThrowsAsync<LookupException>(() => BuildAsync(client, Roll("A2001")));

        // "servidor ocupado" read through TLS: try later, not a certificate problem.
        Assert.AreEqual(LookupFailure.Unreachable, failure.Failure);
        StringAssert.Contains(failure.Message, "servidor ocupado");
    }

    [TestMethod]
    [DataRow("missing.pfx", "")]
    [DataRow("missing.crt", "missing.key")]
    public async Task A_certificate_that_cannot_be_loaded_stops_the_server_from_starting(string certificate, string key)
    {
        var database = Servers.NewSqliteConnectionString();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(Servers.Sqlite, database, null,
            "Tls:CertificatePath=" + Path.Combine(Folder, certificate), "Tls:KeyPath=" + (key.Length == 0 ? "" : Path.Combine(Folder, key)), "Tls:Password=secret-password"));

        StringAssert.Contains(failure.Message, certificate);
        Assert.IsFalse(failure.Message.Contains("secret-password", StringComparison.Ordinal));
    }

    private static async Task AssertServedAsync()
    {
        var directory = new LookupProfessorDirectory(NewClient(Server.Port, ConnectionSecurity.Tls, _serverCertificate));
        Assert.AreEqual("conceicao.araujo@example.edu", await Task.Run(() => directory.FindProfessorEmail("P1001")));
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[1024];
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, count);
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    private static LookupClient NewClient(int port, ConnectionSecurity security, X509Certificate2? trusted, byte[]? key = null)
    {
        var settings = new LookupClientSettings
        {
            Host = "127.0.0.1",
            Port = port,
            Security = security,
            TerminalId = TestData.TerminalId,
            TerminalKey = key ?? HexText.ToBytes(TestData.TerminalKeyHex),
            UtcOffsetMinutes = 0,
            LateGraceMinutes = 15,
            RequestTimeoutMilliseconds = 10_000,
        };
        var connector = new SocketNetworkConnector { CertificateValidation = trusted == null ? null : TestCertificates.Trusting(trusted) };
        return new LookupClient(connector, settings);
    }

    private static Task<RollReport> BuildAsync(LookupClient client, ClosedRoll roll) => Task.Run(() => new RollReportBuilder(client).Build(roll));

    private static ClosedRoll Roll(params string[] students)
    {
        var opened = new DateTime(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);
        return new ClosedRoll
        {
            RollId = "TLS-" + opened.Ticks,
            TerminalId = TestData.TerminalId,
            ProfessorCode = "P1001",
            OpenedUtc = opened,
            ClosedUtc = opened.AddHours(1),
            StudentCodes = students,
            SwipeTimesUtc = students.Select(_ => opened).ToArray(),
        };
    }

    private static string Describe(RollReport report) => string.Join("\n", new[]
    {
        report.ProfessorCode, report.ProfessorName, report.ProfessorEmail, report.ClassCode, report.ClassName,
        report.CourseCode, report.CourseName, report.ClassStartMinuteOfDay.ToString(),
    }.Concat(report.Entries.Select(entry => entry.StudentCode + "|" + entry.StudentName + "|" + entry.Status + "|" + entry.Late)));
}
