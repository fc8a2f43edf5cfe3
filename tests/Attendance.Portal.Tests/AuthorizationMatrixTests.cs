using System.Net;
using static Attendance.Portal.Tests.FakeRollArchive;

namespace Attendance.Portal.Tests;

/// <summary>
/// Who reaches what by typing a URL: a professor gets 404 for another professor's roll, class sheet and their
/// exports (the same answer as for a missing one); secretaries and administrators see all; anonymous users none.
/// </summary>
[TestClass]
public sealed class AuthorizationMatrixTests
{
    private static TestPortal portal = null!;

    private static readonly string[] AnaUrls =
    [
        "/Rolls/Detail/101", "/Rolls/Detail/101/Csv", "/Rolls/Detail/101/Xlsx",
        "/Classes/Sheet/C100/2026/1", "/Classes/Sheet/C100/2026/1/Csv", "/Classes/Sheet/C100/2026/1/Xlsx",
    ];

    private static readonly string[] BrunoUrls =
    [
        "/Rolls/Detail/201", "/Rolls/Detail/201/Csv", "/Rolls/Detail/201/Xlsx",
        "/Classes/Sheet/C200/2026/1", "/Classes/Sheet/C200/2026/1/Csv", "/Classes/Sheet/C200/2026/1/Xlsx",
    ];

    private static readonly string[] OpenPages = ["/", "/Rolls", "/Classes", "/Students", "/Verify"];

    [ClassInitialize]
    public static async Task Start(TestContext context) => portal = await TestPortal.StartAsync();

    [ClassCleanup]
    public static async Task Stop() => await portal.DisposeAsync();

    [TestMethod]
    public async Task ProfessorReachesOwnRollsSheetsAndExports()
    {
        await Expect(portal.Client("professor:" + ProfessorAna), AnaUrls, HttpStatusCode.OK);
    }

    [TestMethod]
    public async Task ProfessorEditingTheUrlToAnotherProfessorsItemsGets404()
    {
        await Expect(portal.Client("professor:" + ProfessorAna), BrunoUrls, HttpStatusCode.NotFound);
        await Expect(portal.Client("professor:" + ProfessorBruno), AnaUrls, HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task MissingItemsAreThe404OfOutOfScopeOnes()
    {
        string[] missing = ["/Rolls/Detail/999", "/Rolls/Detail/999/Csv", "/Classes/Sheet/C999/2026/1", "/Classes/Sheet/C100/2026/3", "/Classes/Sheet/C100/2025/1/Xlsx"];
        await Expect(portal.Client("secretary"), missing, HttpStatusCode.NotFound);
    }

    [TestMethod]
    [DataRow("secretary")]
    [DataRow("administrator")]
    public async Task SecretaryAndAdministratorSeeEveryClass(string role)
    {
        var client = portal.Client(role);
        await Expect(client, AnaUrls, HttpStatusCode.OK);
        await Expect(client, BrunoUrls, HttpStatusCode.OK);
        var classes = await client.GetPageAsync("/Classes");
        StringAssert.Contains(classes, "/Classes/Sheet/C100/2026/1");
        StringAssert.Contains(classes, "/Classes/Sheet/C200/2026/1");
    }

    [TestMethod]
    [DataRow("professor")]
    [DataRow("student")]
    public async Task SignedInUserWithoutScopeSeesNothing(string user)
    {
        var client = portal.Client(user);
        await Expect(client, AnaUrls.Concat(BrunoUrls).ToArray(), HttpStatusCode.NotFound);
        var rolls = await client.GetPageAsync("/Rolls");
        Assert.IsFalse(rolls.Contains("/Rolls/Detail/"), "a user without scope was shown rolls");
    }

    [TestMethod]
    public async Task AnonymousIsChallengedEverywhere()
    {
        var client = portal.Client(null);
        await Expect(client, OpenPages.Concat(AnaUrls).ToArray(), HttpStatusCode.Unauthorized);
        var post = await client.Http.PostAsync("/Students", new FormUrlEncodedContent([new("StudentCode", Maria)]));
        Assert.AreEqual(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [TestMethod]
    public async Task ProfessorsListsHoldOnlyTheirOwnClassesAndRolls()
    {
        var ana = portal.Client("professor:" + ProfessorAna);
        var rolls = await ana.GetPageAsync("/Rolls");
        StringAssert.Contains(rolls, "/Rolls/Detail/101");
        StringAssert.Contains(rolls, "/Rolls/Detail/102");
        Assert.IsFalse(rolls.Contains("/Rolls/Detail/201"), "Ana's search shows Bruno's roll");

        var classes = await ana.GetPageAsync("/Classes");
        StringAssert.Contains(classes, "/Classes/Sheet/C100/2026/1");
        Assert.IsFalse(classes.Contains("C200"), "Ana's class list shows Bruno's class");
    }

    [TestMethod]
    public async Task ProfessorsStudentHistoryHoldsOnlyTheirClasses()
    {
        var ana = portal.Client("professor:" + ProfessorAna);
        var response = await ana.PostFormAsync("/Students", "/Students", [new("StudentCode", Joao)]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(html, "/Classes/Sheet/C100/2026/1");
        Assert.IsFalse(html.Contains("C200"), "Ana sees Joao's attendance in Bruno's class");

        var secretary = portal.Client("secretary");
        var all = await (await secretary.PostFormAsync("/Students", "/Students", [new("StudentCode", Joao)])).Content.ReadAsStringAsync();
        StringAssert.Contains(all, "/Classes/Sheet/C200/2026/1");
    }

    private static async Task Expect(PortalClient client, string[] urls, HttpStatusCode expected)
    {
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.AreEqual(expected, response.StatusCode, url);
        }
    }
}
