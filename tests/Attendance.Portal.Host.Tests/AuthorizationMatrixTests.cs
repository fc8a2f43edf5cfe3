using System.Net;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// Who reaches what, end to end: real accounts signed in through the form, the real archive on the demo data
/// (P1001 teaches every demo class, P1002 none), a roll of P1001 in C101. Editing the address does not get a
/// professor into another professor's roll, class sheet or exports: they answer 404, as for one that does not exist.
/// </summary>
[TestClass]
public class AuthorizationMatrixTests
{
    private static PortalFactory _factory = null!;
    private static string[] _paths = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = new PortalFactory(("Lookup:Database:SampleData", "true"));
        await _factory.AddUserAsync("admin", PortalRoles.Administrator);
        await _factory.AddUserAsync("secretary", PortalRoles.Secretary);
        await _factory.AddUserAsync("teacher", PortalRoles.Professor, "P1001");
        await _factory.AddUserAsync("other.teacher", PortalRoles.Professor, "P1002");

        var opened = UploadTime.ToSeconds(DateTime.UtcNow.AddHours(-2));
        var roll = new RollContent(SampleData.DemoTerminalId, "T01-matrix", "P1001", "C101", opened, opened + 3000, opened + 900, false,
            [new RollContent.Swipe("A2001", opened + 60), new RollContent.Swipe("A2002", opened + 1200)]);
        var store = _factory.Services.GetRequiredService<IRollStore>();
        Assert.AreEqual(RollStoreOutcome.Stored, await store.StoreAsync(roll, "0000000000000000", "fingerprint", CancellationToken.None));
        var (year, semester) = SqlRollStore.PeriodOf(opened, _factory.Services.GetRequiredService<TimeZoneInfo>());
        var key = (await _factory.Services.GetRequiredService<Attendance.Portal.Data.IRollArchive>()
            .SearchRollsAsync(new Attendance.Portal.Data.RollSearch(), PortalScope.All, CancellationToken.None)).Rolls.Single().RollKey;
        var sheet = "/Classes/Sheet/C101/" + year + "/" + semester;
        _paths = ["/Rolls/Detail/" + key, "/Rolls/Detail/" + key + "/Csv", "/Rolls/Detail/" + key + "/Xlsx", sheet, sheet + "/Csv", sheet + "/Xlsx"];
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    [DataRow("admin", HttpStatusCode.OK)]
    [DataRow("secretary", HttpStatusCode.OK)]
    [DataRow("teacher", HttpStatusCode.OK)]
    [DataRow("other.teacher", HttpStatusCode.NotFound)]
    public async Task A_roll_its_class_sheet_and_their_exports_open_only_in_scope(string user, HttpStatusCode expected)
    {
        using var client = _factory.NewClient();
        Assert.AreEqual(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, user, PortalFactory.Password)).StatusCode);

        foreach (var path in _paths)
        {
            Assert.AreEqual(expected, (await client.GetAsync(path)).StatusCode, user + " " + path);
        }
    }

    [TestMethod]
    public async Task Without_a_session_every_one_of_them_sends_to_the_sign_in_page()
    {
        using var client = _factory.NewClient();

        foreach (var path in _paths)
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, "/Account/Login", path);
        }
    }
}
