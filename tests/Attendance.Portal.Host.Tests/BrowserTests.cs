using System.Text;
using System.Text.RegularExpressions;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Microsoft.Playwright;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The portal in a real browser: Playwright for .NET driving Debian's chromium (/usr/bin/chromium; Playwright's
/// own browser download is not used), against the real server process with the demo data on loopback and three
/// stored rolls: sign in, search, a roll and its CSV, a class sheet and its XLSX, a student, a verification code.
/// Each page is saved as a screenshot under artifacts/screenshots/ for review, with the two exports.
/// </summary>
[TestClass]
public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "a browser test password";

    [TestMethod]
    public async Task A_user_signs_in_through_the_form_and_each_page_is_captured()
    {
        Assert.IsTrue(File.Exists(Chromium), Chromium + " is missing: install Debian's chromium package (.ci/apt-packages lists it)");
        var screenshots = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        foreach (var previous in Directory.GetFiles(screenshots))
        {
            // The folder is this test's: only this run's pages stay for review.
            File.Delete(previous);
        }

        var folder = Directory.CreateTempSubdirectory("attendance-portal-browser-").FullName;
        try
        {
            // The demo data goes only into a new database: the server makes it, then the command adds the account.
            await using var server = await ServerProcess.StartAsync(folder, "--demo");
            var added = await ServerProcess.RunAsync(folder, Password, "users", "add", "ana.admin", "--role", "administrator", "--password-stdin");
            Assert.AreEqual(0, added.Status, added.Errors);
            var seeded = await SeedRollsAsync(Path.Combine(folder, "lookup.db"));
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.PortalAddress.ToString(), Locale = "pt-PT" });
            var page = await context.NewPageAsync();
            var blocked = new List<string>();
            page.Console += (_, message) =>
            {
                // Chromium reports what the Content-Security-Policy refused: the pages must need nothing it refuses.
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    blocked.Add(message.Text);
                }
            };

            // Any page sends an anonymous visitor to the sign-in form.
            await page.GotoAsync("/");
            StringAssert.Contains(new Uri(page.Url).AbsolutePath, "/Account/Login");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "01-login.png"), FullPage = true });

            await page.FillAsync("#UserName", "ana.admin");
            await page.FillAsync("#Password", "not the password");
            await page.ClickAsync("form.login button[type=submit]");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("errados");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "02-login-failed.png"), FullPage = true });

            await page.FillAsync("#UserName", "ana.admin");
            await page.FillAsync("#Password", Password);
            await page.ClickAsync("form.login button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "03-home.png"), FullPage = true });

            // Search: the rolls of class C101 (a POST form: no student or class code in the address).
            await page.GotoAsync("/Rolls");
            await page.FillAsync("#Filter_ClassCode", "C101");
            await page.ClickAsync("form.filters button[type=submit]");
            await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(3);
            Assert.IsFalse(page.Url.Contains("C101", StringComparison.Ordinal), page.Url);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "04-rolls-search.png"), FullPage = true });

            // A roll (the newest: the last seeded), with its statuses, and its CSV export.
            await page.Locator("table tbody tr a").First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/Rolls/Detail/"));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ZZ9999");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "05-roll.png"), FullPage = true });
            var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href$='/Csv']"));
            var csvPath = Path.Combine(screenshots, "roll-export.csv");
            await csv.SaveAsAsync(csvPath);
            StringAssert.Contains(await File.ReadAllTextAsync(csvPath), "A2001;João Conceição;");

            // The class sheet, reached from the roll, and its XLSX export.
            await page.ClickAsync("main a[href*='/Classes/Sheet/']");
            await page.WaitForURLAsync(new Regex("/Classes/Sheet/C101/"));
            await Assertions.Expect(page.Locator("main svg")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("A2002");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "06-class-sheet.png"), FullPage = true });
            var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href$='/Xlsx']"));
            var xlsxPath = Path.Combine(screenshots, "class-sheet-export.xlsx");
            await xlsx.SaveAsAsync(xlsxPath);
            CollectionAssert.AreEqual("PK"u8.ToArray(), File.ReadAllBytes(xlsxPath)[..2], "an XLSX is a ZIP package");

            // A student's history, and the verification of an e-mail's code.
            await page.GotoAsync("/Students");
            await page.FillAsync("#StudentCode", "A2003");
            await page.ClickAsync("form.filters button[type=submit]");
            await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("C101");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "07-student.png"), FullPage = true });
            await page.GotoAsync("/Verify");
            await page.FillAsync("#Code", RollVerificationCode.Grouped(seeded[0]));
            await page.ClickAsync("form.filters button[type=submit]");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Autêntico");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "08-verify.png"), FullPage = true });

            var accounts = await page.GotoAsync("/Account/Users");
            Assert.AreEqual(200, accounts!.Status);
            await Assertions.Expect(page.Locator("table")).ToContainTextAsync("ana.admin");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "09-accounts.png"), FullPage = true });

            // The terminal settings for all terminals (administrators only): saved, checked by the terminal's parser,
            // the SMTP password never shown again.
            await page.GotoAsync("/Settings");
            await page.FillAsync("[id='value-smtp.host']", "smtp.escola.example");
            await page.FillAsync("[id='value-smtp.user']", "terminais");
            await page.FillAsync("[id='value-smtp.password']", "smtp-" + Password);
            await page.FillAsync("[id='value-roll.capacity']", "300");
            await page.ClickAsync("#settings button[type=submit]");
            await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("Guardado");
            Assert.IsFalse((await page.ContentAsync()).Contains("smtp-" + Password, StringComparison.Ordinal), "the SMTP password came back");
            await page.FillAsync("[id='value-roll.capacity']", "0");
            await page.ClickAsync("#settings button[type=submit]");
            await Assertions.Expect(page.Locator("#settings-error")).ToContainTextAsync("roll.capacity");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "10-settings.png"), FullPage = true });

            // Signing out is the form's POST (with its anti-forgery token); afterwards the pages ask for a sign-in again.
            await page.GotoAsync("/Account/Logout");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(new Regex("/Account/Login"));
            await page.GotoAsync("/Account/Users");
            StringAssert.Contains(new Uri(page.Url).AbsolutePath, "/Account/Login");

            Assert.AreEqual(0, blocked.Count, string.Join("\n", blocked));
            Assert.IsFalse(server.Output.Contains(Password, StringComparison.Ordinal), "the password is never logged");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Three rolls of the demo class C101 today, stored as the upload stores them (the server's own SqlRollStore,
    /// with the demo terminal's verification codes); returns their codes, oldest first.
    /// </summary>
    private static async Task<List<string>> SeedRollsAsync(string databasePath)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { ConnectionString = "Data Source=" + databasePath });
        var store = new SqlRollStore(database, TimeZoneInfo.Local);
        var key = Encoding.UTF8.GetBytes("demo-key-T01-not-for-production!");
        var now = UploadTime.ToSeconds(DateTime.UtcNow);
        var codes = new List<string>();
        var classes = new[]
        {
            new[] { "A2001", "A2002", "A2003" },
            new[] { "A2001", "A2003" },
            new[] { "A2001", "ZZ9999", "A2004" },
        };
        for (var i = 0; i < classes.Length; i++)
        {
            // Opened 3, 2 and 1 hours ago; the last student of each roll comes 20 minutes in (late after 15).
            var opened = now - (3 - i) * 3600;
            var swipes = classes[i].Select((code, position) => new RollContent.Swipe(code, opened + (position == classes[i].Length - 1 ? 1200 : 60 + position))).ToList();
            var roll = new RollContent(SampleData.DemoTerminalId, "T01-browser-" + i, "P1001", "C101", opened, opened + 3000, opened + 900, false, swipes);
            var code = RollVerificationCode.Compute(key, roll);
            Assert.AreEqual(RollStoreOutcome.Stored, await store.StoreAsync(roll, code, RollVerificationCode.KeyFingerprint(key), CancellationToken.None));
            codes.Add(code);
        }

        return codes;
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Attendance.Firmware.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
