using System.Net;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The Terminals pages through the lookup server's Program (in memory), with the host's clock under the test's
/// control: a terminal online after its heartbeat and offline once two of its intervals (and the grace) pass,
/// its warnings, who may see the pages and who may file requests, and a request filed from the page delivered
/// with the terminal's next heartbeat.
/// </summary>
[TestClass]
public class TerminalsPageTests
{
    private static readonly ManualTimeProvider Time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private static PortalFactory _factory = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = new PortalFactory { Time = Time };
        await _factory.AddUserAsync("ana.admin", PortalRoles.Administrator);
        await _factory.AddUserAsync("sara.secretaria", PortalRoles.Secretary);
        await _factory.AddUserAsync("paulo.professor", PortalRoles.Professor, "P1001");
        await using var connection = new SqliteConnection("Data Source=" + _factory.DatabasePath);
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO terminals (id, key_hex, description) VALUES ('T77', '00112233445566778899aabbccddeeff', 'Sala 2.07'), "
            + "('T78', '00112233445566778899aabbccddeeff', NULL)";
        await insert.ExecuteNonQueryAsync();
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    public async Task A_terminal_is_online_after_its_heartbeat_and_offline_once_it_stops()
    {
        await Store().RecordHeartbeatAsync("T77", Report(failed: 2, free: 9_000, skew: 300, rejected: "smtp.port: not a number"), CancellationToken.None);
        using var client = await SignedInAsync("ana.admin");

        var page = await client.GetStringAsync("/Terminals");

        var row = Row(page, "T77");
        StringAssert.Contains(row, "class=\"online\"");
        StringAssert.Contains(row, "Em linha");
        StringAssert.Contains(row, "E-mails falhados de vez: 2");
        StringAssert.Contains(row, "Relógio desviado 300 s");
        StringAssert.Contains(row, "Pouca memória: 9000 bytes livres");
        StringAssert.Contains(row, "Definições recusadas: smtp.port: not a number");
        StringAssert.Contains(Row(page, "T78"), "Nunca visto");

        // Interval 300 s, two missed heartbeats and 60 s of grace: online at 660 s, offline after.
        Time.Advance(TimeSpan.FromSeconds(660));
        StringAssert.Contains(Row(await client.GetStringAsync("/Terminals"), "T77"), "class=\"online\"");
        Time.Advance(TimeSpan.FromSeconds(1));
        var later = Row(await client.GetStringAsync("/Terminals"), "T77");
        StringAssert.Contains(later, "class=\"offline\"");
        StringAssert.Contains(later, "Fora de linha");

        // A new heartbeat brings it back, without the warnings it no longer has.
        await Store().RecordHeartbeatAsync("T77", Report(), CancellationToken.None);
        var back = Row(await client.GetStringAsync("/Terminals"), "T77");
        StringAssert.Contains(back, "class=\"online\"");
        Assert.IsFalse(back.Contains("falhados", StringComparison.Ordinal), back);
    }

    [TestMethod]
    public async Task Secretaries_see_the_pages_without_the_buttons_and_professors_not_at_all()
    {
        await Store().RecordHeartbeatAsync("T78", Report(failed: 1), CancellationToken.None);
        using var secretary = await SignedInAsync("sara.secretaria");
        var detail = await secretary.GetStringAsync("/Terminals/Detail?id=T78");
        StringAssert.Contains(detail, "T01-20261130T080000Z-000007");
        Assert.IsFalse(detail.Contains("Reenviar e-mail</button>", StringComparison.Ordinal));
        var token = await PortalFactory.FormTokenAsync(secretary, "/Terminals/Detail?id=T78");
        var post = await secretary.PostAsync("/Terminals/Detail?id=T78&handler=Reload",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.AreEqual(HttpStatusCode.Redirect, post.StatusCode);
        StringAssert.Contains(post.Headers.Location!.OriginalString, "/Account/AccessDenied");

        using var professor = await SignedInAsync("paulo.professor");
        var denied = await professor.GetAsync("/Terminals");
        Assert.AreEqual(HttpStatusCode.Redirect, denied.StatusCode);
        StringAssert.Contains(denied.Headers.Location!.OriginalString, "/Account/AccessDenied");
        Assert.IsFalse((await professor.GetStringAsync("/")).Contains("/Terminals", StringComparison.Ordinal), "no link for professors");
        Assert.AreEqual(HttpStatusCode.NotFound, (await secretary.GetAsync("/Terminals/Detail?id=NOPE")).StatusCode);
    }

    [TestMethod]
    public async Task An_administrators_resend_is_delivered_with_the_next_heartbeat_and_needs_the_form_token()
    {
        await Store().RecordHeartbeatAsync("T77", Report(failed: 1), CancellationToken.None);
        using var client = await SignedInAsync("ana.admin");
        var fields = new Dictionary<string, string> { ["rollId"] = "T01-20261130T080000Z-000007" };

        var forged = await client.PostAsync("/Terminals/Detail?id=T77&handler=Resend", new FormUrlEncodedContent(fields));
        Assert.AreEqual(HttpStatusCode.BadRequest, forged.StatusCode, "no anti-forgery token");

        fields["__RequestVerificationToken"] = await PortalFactory.FormTokenAsync(client, "/Terminals/Detail?id=T77");
        var filed = await client.PostAsync("/Terminals/Detail?id=T77&handler=Resend", new FormUrlEncodedContent(fields));
        Assert.AreEqual(HttpStatusCode.OK, filed.StatusCode);
        StringAssert.Contains(await filed.Content.ReadAsStringAsync(), "Pedido registado");

        var delivered = await Store().RecordHeartbeatAsync("T77", Report(failed: 1), CancellationToken.None);
        Assert.AreEqual("REENVIAR", delivered.Single().Kind);
        Assert.AreEqual("T01-20261130T080000Z-000007", delivered.Single().Argument);
        Assert.IsTrue(await Store().AcknowledgeAsync("T77", delivered.Single().Id, "feito", CancellationToken.None));
        Assert.AreEqual(0, (await Store().RecordHeartbeatAsync("T77", Report(), CancellationToken.None)).Count);
        StringAssert.Contains(await client.GetStringAsync("/Terminals/Detail?id=T77"), "feito");
    }

    private static ITerminalHealthStore Store() => _factory.Services.GetRequiredService<ITerminalHealthStore>();

    private static HealthReportContent Report(int failed = 0, long? free = 50_000, int? skew = null, string rejected = "") =>
        new("1.0.0.0", "esp32-poe-ethernet", 60, free, "10.0.0.21", null, "fechada", 0, 0, failed, 0, "sntp", skew, rejected, 300, [],
            failed > 0 ? [new FailedRoll("T01-20261130T080000Z-000007", "550 5.1.1 [address] refused")] : []);

    private static async Task<HttpClient> SignedInAsync(string name)
    {
        var client = _factory.NewClient();
        var response = await PortalFactory.SignInAsync(client, name, PortalFactory.Password);
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The table row of one terminal.</summary>
    private static string Row(string page, string terminalId)
    {
        var start = page.IndexOf("data-terminal=\"" + terminalId + "\"", StringComparison.Ordinal);
        Assert.IsTrue(start >= 0, "no row for " + terminalId + ":\n" + page);
        var end = page.IndexOf("</tr>", start, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(page[start..end]);
    }
}

/// <summary>Who may scrape /metrics (Web/MetricsEndpoint): loopback and the listed addresses, nobody else.</summary>
[TestClass]
public class MetricsAccessTests
{
    [TestMethod]
    public void Loopback_and_listed_addresses_may_scrape_and_others_may_not()
    {
        IPAddress[] allowed = [IPAddress.Parse("10.0.0.5")];
        Assert.IsTrue(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(IPAddress.Loopback, []));
        Assert.IsTrue(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(IPAddress.IPv6Loopback, []));
        Assert.IsTrue(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(IPAddress.Parse("10.0.0.5").MapToIPv6(), allowed));
        Assert.IsFalse(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(IPAddress.Parse("10.0.0.6"), allowed));
        Assert.IsFalse(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(IPAddress.Parse("10.0.0.5"), []));
        Assert.IsFalse(Attendance.LookupServer.Web.MetricsEndpoint.MayScrape(null, allowed));
    }

    [TestMethod]
    public async Task A_client_that_may_not_scrape_gets_the_portal_and_no_metrics()
    {
        // The in-memory test server's requests have no remote address: not loopback, so not a scraper.
        using var factory = new PortalFactory();
        using var client = factory.NewClient();

        var response = await client.GetAsync("/metrics");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.Contains(response.Headers.Location!.OriginalString, "/Account/Login");
    }
}
