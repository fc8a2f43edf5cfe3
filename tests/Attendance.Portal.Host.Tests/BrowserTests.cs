using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The portal in a real browser: Playwright for .NET driving Debian's chromium (/usr/bin/chromium; Playwright's
/// own browser download is not used), against the real server process with the demo data on loopback. Each page
/// is saved as a screenshot under artifacts/screenshots/ for review.
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
        var folder = Directory.CreateTempSubdirectory("attendance-portal-browser-").FullName;
        try
        {
            // The demo data goes only into a new database: the server makes it, then the command adds the account.
            await using var server = await ServerProcess.StartAsync(folder, "--demo");
            var added = await ServerProcess.RunAsync(folder, Password, "users", "add", "ana.admin", "--role", "administrator", "--password-stdin");
            Assert.AreEqual(0, added.Status, added.Errors);
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

            var accounts = await page.GotoAsync("/Account/Users");
            Assert.AreEqual(200, accounts!.Status);
            await Assertions.Expect(page.Locator("table")).ToContainTextAsync("ana.admin");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "04-accounts.png"), FullPage = true });

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

    private static string RepositoryRoot()
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
