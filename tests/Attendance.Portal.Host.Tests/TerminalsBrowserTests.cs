using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Attendance.Core.Lookup;
using Microsoft.Playwright;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// Issue 13 in a real browser (Playwright on /usr/bin/chromium, as BrowserTests) against the real server process:
/// the demo terminal sends a heartbeat over the lookup protocol, the Terminals page shows it online with its
/// warnings, its page lists the failed roll, and the administrator's re-send button files the request. Then the
/// server's /metrics, scraped from loopback as Prometheus would, counts what just happened. Screenshots go to
/// artifacts/screenshots/terminals/.
/// </summary>
[TestClass]
public class TerminalsBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "a browser test password";
    private const string FailedRoll = "T01-20261130T080000Z-000007";

    [TestMethod]
    public async Task The_terminals_pages_show_a_heartbeat_and_file_a_resend_and_the_metrics_count_it()
    {
        Assert.IsTrue(File.Exists(Chromium), Chromium + " is missing: install Debian's chromium package (.ci/apt-packages lists it)");
        var screenshots = Path.Combine(BrowserTests.RepositoryRoot(), "artifacts", "screenshots", "terminals");
        Directory.CreateDirectory(screenshots);
        var folder = Directory.CreateTempSubdirectory("attendance-terminals-browser-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(folder, "--demo");
            var added = await ServerProcess.RunAsync(folder, Password, "users", "add", "ana.admin", "--role", "administrator", "--password-stdin");
            Assert.AreEqual(0, added.Status, added.Errors);
            var answers = await SendHeartbeatAsync(LookupPort(server));
            CollectionAssert.AreEqual(new[] { "OK", "OK", "PEDIDOS" }, answers);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.PortalAddress.ToString(), Locale = "pt-PT" });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#UserName", "ana.admin");
            await page.FillAsync("#Password", Password);
            await page.ClickAsync("form.login button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

            // From the navigation to the list: the demo terminal online, with its warnings.
            await page.ClickAsync("header nav a[href='/Terminals']");
            var row = page.Locator("tr[data-terminal='T01']");
            await Assertions.Expect(row.Locator("td.state")).ToHaveTextAsync("Em linha");
            await Assertions.Expect(row.Locator("li.warning-mail")).ToContainTextAsync("E-mails falhados de vez: 1");
            await Assertions.Expect(row.Locator("li.warning-memory")).ToContainTextAsync("Pouca memória");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "01-terminals.png"), FullPage = true });

            // The terminal's page: the failed roll and its button; the request is listed once filed.
            await row.Locator("a").First.ClickAsync();
            await Assertions.Expect(page.Locator("#failed-rolls")).ToContainTextAsync(FailedRoll);
            await Assertions.Expect(page.Locator("ul.log")).ToContainTextAsync("step failed");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "02-terminal.png"), FullPage = true });
            await page.ClickAsync("#failed-rolls button[type=submit]");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Pedido registado");
            await Assertions.Expect(page.Locator("#requests")).ToContainTextAsync(FailedRoll);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "03-request-filed.png"), FullPage = true });

            // The next heartbeat carries the request.
            var next = await SendHeartbeatAsync(LookupPort(server));
            StringAssert.Contains(next[^1], "|REENVIAR|" + FailedRoll);

            // Metrics: scraped from loopback without signing in, counting the two heartbeats and their connections.
            using var http = new HttpClient { BaseAddress = server.PortalAddress };
            var metrics = await http.GetStringAsync("/metrics");
            Assert.AreEqual(2, Counter(metrics, "attendance_lookup_heartbeats_total"), metrics);
            Assert.IsTrue(Counter(metrics, "attendance_lookup_connections_total") >= 2, metrics);
            Assert.AreEqual(2, Counter(metrics, "attendance_lookup_requests_total", "command=\"SAUDE\""), metrics);
            Assert.AreEqual(1, Counter(metrics, "attendance_lookup_terminals_online"), metrics);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The value of a metric line (with <paramref name="label"/> among its labels when given); 0 when absent.</summary>
    public static double Counter(string exposition, string name, string? label = null)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || (label != null && !line.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var rest = line[name.Length..];
            if (rest.StartsWith('{'))
            {
                rest = rest[(rest.IndexOf('}') + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue; // another metric whose name starts with this one
            }

            return double.Parse(rest.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        return 0;
    }

    private static int LookupPort(ServerProcess server)
    {
        var match = Regex.Match(server.Output, @"Lookup server listening on [^:\s]+:(\d+)");
        Assert.IsTrue(match.Success, "no lookup port in the output:\n" + server.Output);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The demo terminal's heartbeat as the board sends it: greeting, AUTENTICAR and the lines in one write.</summary>
    private static async Task<string[]> SendHeartbeatAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, new UTF8Encoding(false));
        var greeting = LookupFieldCodec.Split((await reader.ReadLineAsync())!);
        var proof = LookupAuthentication.ComputeProof(Encoding.UTF8.GetBytes("demo-key-T01-not-for-production!"), greeting[2], "T01");
        string[] lines =
        [
            "AUTENTICAR|T01|" + proof,
            "SAUDEFALHA|" + FailedRoll + "|550 5.1.1 [address] refused",
            "SAUDELOG||ERR|terminal: step failed: disk",
            "SAUDE|1.0.0.0|esp32-poe-ethernet|3723|9000|10.0.0.21||fechada|0|0|1|0|sntp|||300",
        ];
        await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        var answers = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            answers[i] = (await reader.ReadLineAsync())!;
        }

        Assert.AreEqual("OK", answers[0], "AUTENTICAR");
        return answers[1..];
    }
}
