using System.Net;
using Attendance.Portal.Security;

namespace Attendance.Portal.Host.Tests;

/// <summary>The cookies' keys are in the database: a session made by one instance is good on another on the same database.</summary>
[TestClass]
public class SharedKeysTests
{
    [TestMethod]
    public async Task A_session_cookie_from_one_instance_is_accepted_by_another_on_the_same_database()
    {
        using var first = new PortalFactory();
        await first.AddUserAsync("ana.admin", PortalRoles.Administrator);
        using var second = new PortalFactory(("Lookup:Database:ConnectionString", "Data Source=" + first.DatabasePath));
        using var signedIn = first.NewClient();
        var response = await PortalFactory.SignInAsync(signedIn, "ana.admin", PortalFactory.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("attendance.portal=", StringComparison.Ordinal)).Split(';')[0];

        using var other = second.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Users");
        request.Headers.Add("Cookie", cookie);
        var page = await other.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        // The key that protects it is the database's (not a folder both test hosts could share on this machine).
        await using (var database = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + first.DatabasePath))
        {
            await database.OpenAsync();
            await using var command = database.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM portal_keys WHERE xml LIKE '<key %'";
            Assert.AreEqual(1L, (long)(await command.ExecuteScalarAsync())!);
        }

        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/Account/Users");
        tampered.Headers.Add("Cookie", cookie[..^4] + (cookie.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        Assert.AreEqual(HttpStatusCode.Redirect, (await other.SendAsync(tampered)).StatusCode, "a cookie changed by hand is no session");
    }
}
