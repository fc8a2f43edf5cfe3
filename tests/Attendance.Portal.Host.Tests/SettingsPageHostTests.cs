using System.Net;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Security;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The terminal settings page in the real host: administrators only, a save reaches the database the lookup server
/// answers HORA and CONFIGURACAO from (Storage/SqlTerminalSettings), the SMTP password never comes back.
/// </summary>
[TestClass]
public class SettingsPageHostTests
{
    private const string Password = "smtp-secret-never-shown-42";

    private static PortalFactory _factory = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = new PortalFactory();
        await _factory.AddUserAsync("ana.admin", PortalRoles.Administrator);
        await _factory.AddUserAsync("sara.secretaria", PortalRoles.Secretary);
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    public async Task An_administrator_saves_settings_that_the_lookup_server_then_offers()
    {
        using var client = _factory.NewClient();
        await PortalFactory.SignInAsync(client, "ana.admin", PortalFactory.Password);
        var token = await PortalFactory.FormTokenAsync(client, "/Settings?terminal=T-SET-1");

        var response = await client.PostAsync("/Settings?terminal=T-SET-1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["terminal"] = "T-SET-1",
            ["Values[smtp.host]"] = "smtp.example.edu",
            ["Values[smtp.user]"] = "terminals",
            ["Values[roll.capacity]"] = "250",
            ["Secrets[smtp.password]"] = Password,
        }));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.IsFalse(page.Contains(Password, StringComparison.Ordinal), "the password came back in the page");
        StringAssert.Contains(page, "role=\"status\"");
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = "sqlite", ConnectionString = "Data Source=" + _factory.DatabasePath });
        var offered = await new SqlTerminalSettings(database).GetEffectiveAsync("T-SET-1", CancellationToken.None);
        var lines = offered.Lines.ToDictionary(line => line.Key, line => line.Value);
        Assert.AreEqual("250", lines["roll.capacity"]);
        Assert.AreEqual(Password, lines["smtp.password"]);
        Assert.IsTrue(offered.Version > 0);
        Assert.IsFalse(_factory.Logs.Lines.Any(line => line.Contains(Password, StringComparison.Ordinal)), "the password was logged");
    }

    [TestMethod]
    public async Task A_secretary_is_turned_away()
    {
        using var client = _factory.NewClient();
        await PortalFactory.SignInAsync(client, "sara.secretaria", PortalFactory.Password);

        var response = await client.GetAsync("/Settings");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.OriginalString, "http://localhost/Account/AccessDenied");
    }
}
