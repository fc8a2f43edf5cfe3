using System.Net;

namespace Attendance.Portal.Tests;

/// <summary>
/// The terminal settings page (docs/protocol.md, "Time and settings from the server"): administrators only; a save a
/// terminal would refuse shows the parser's reason and keeps what was typed; the SMTP password is write-only (never
/// in the page, never in the log).
/// </summary>
[TestClass]
public sealed class SettingsPageTests
{
    private const string Password = "pw-never-shown-7f3a";

    private static TestPortal portal = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context) => portal = await TestPortal.StartAsync();

    [ClassCleanup]
    public static async Task Stop() => await portal.DisposeAsync();

    [TestMethod]
    [DataRow("secretary")]
    [DataRow("professor:P1")]
    public async Task OnlyAdministratorsReachThePage(string user)
    {
        var response = await portal.Client(user).GetAsync("/Settings");
        Assert.AreNotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await portal.Client(null).GetAsync("/Settings")).StatusCode);
        StringAssert.Contains(await portal.Client("administrator").GetPageAsync("/Settings"), "roll.capacity");
        Assert.IsFalse((await portal.Client(user).GetPageAsync("/")).Contains("/Settings"), "no link for other roles");
    }

    [TestMethod]
    public async Task AnOverrideIsSavedAndShownBesideTheDefault()
    {
        var client = portal.Client("administrator", "en");
        var before = portal.Settings.Version;

        var response = await client.PostFormAsync("/Settings?terminal=T02", "/Settings?terminal=T02",
            [new("terminal", "T02"), new("Values[roll.capacity]", "150"), new("Values[language]", "en")]);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(page, "Saved: settings version " + (before + 1));
        Assert.AreEqual("150", portal.Settings.Stored("T02")["roll.capacity"]);
        Assert.AreEqual("en", portal.Settings.Stored("T02")["language"]);
        StringAssert.Contains(page, "value=\"150\"");
    }

    [TestMethod]
    public async Task AValueATerminalWouldRefuseIsNotSavedAndTheReasonShown()
    {
        var client = portal.Client("administrator", "en");
        var before = portal.Settings.Version;

        var response = await client.PostFormAsync("/Settings?terminal=T01", "/Settings?terminal=T01",
            [new("terminal", "T01"), new("Values[roll.capacity]", "0"), new("Values[mail.from]", "attendance@example.edu")]);

        var page = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(page, "id=\"settings-error\"");
        StringAssert.Contains(page, "roll.capacity must be a whole number from 1 to 2000");
        StringAssert.Contains(page, "value=\"attendance@example.edu\"", "what was typed stays in the form");
        Assert.AreEqual(before, portal.Settings.Version);
        Assert.AreEqual(0, portal.Settings.Stored("T01").Count);
    }

    [TestMethod]
    public async Task ThePasswordIsWriteOnly()
    {
        var client = portal.Client("administrator", "en");
        var saved = await client.PostFormAsync("/Settings", "/Settings",
            [new("Values[smtp.host]", "smtp.example.edu"), new("Values[smtp.user]", "terminals"), new("Secrets[smtp.password]", Password)]);
        var page = await saved.Content.ReadAsStringAsync();
        Assert.AreEqual(Password, portal.Settings.Stored(null)["smtp.password"]);
        Assert.IsFalse(page.Contains(Password), "the password came back in the page");
        StringAssert.Contains(page, "(set; never shown)");

        // A later save without the password keeps it; the box removes it.
        await client.PostFormAsync("/Settings", "/Settings", [new("Values[smtp.host]", "smtp2.example.edu"), new("Values[smtp.user]", "terminals")]);
        Assert.AreEqual(Password, portal.Settings.Stored(null)["smtp.password"]);
        Assert.IsFalse((await client.GetPageAsync("/Settings")).Contains(Password));
        await client.PostFormAsync("/Settings", "/Settings", [new("Values[smtp.host]", "smtp2.example.edu"), new("Clear", "smtp.password")]);
        Assert.IsFalse(portal.Settings.Stored(null).ContainsKey("smtp.password"));
        Assert.IsFalse(portal.Logs.Messages.Any(message => message.Contains(Password)), "the password was logged");
    }

    [TestMethod]
    public async Task PostWithoutAntiforgeryTokenIs400()
    {
        var client = portal.Client("administrator");
        await client.GetPageAsync("/Settings");
        var response = await client.PostFormAsync("/Settings", "/Settings", [new("Values[language]", "en")], withToken: false);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
