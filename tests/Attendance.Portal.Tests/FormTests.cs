using System.Net;
using System.Text.RegularExpressions;
using static Attendance.Portal.Tests.FakeRollArchive;

namespace Attendance.Portal.Tests;

/// <summary>
/// The forms: anti-forgery on every POST, the search filter and pager posting (not in the URL), the student
/// history form, the language choice, and that no rendered URL carries personal data.
/// </summary>
[TestClass]
public sealed partial class FormTests
{
    private static TestPortal portal = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context) => portal = await TestPortal.StartAsync(options => options.RollsPerPage = 1);

    [ClassCleanup]
    public static async Task Stop() => await portal.DisposeAsync();

    [TestMethod]
    [DataRow("/Rolls")]
    [DataRow("/Students")]
    [DataRow("/Verify")]
    [DataRow("/Language")]
    public async Task PostWithoutAntiforgeryTokenIs400(string page)
    {
        var client = portal.Client("secretary");
        await client.GetPageAsync("/"); // the anti-forgery cookie is there; only the form token is missing
        var response = await client.PostFormAsync(page, page, [new("StudentCode", Maria), new("Code", Code101), new("culture", "en")], withToken: false);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task EveryFormCarriesAnAntiforgeryToken()
    {
        var client = portal.Client("secretary");
        foreach (var url in new[] { "/", "/Rolls", "/Rolls/Detail/101", "/Classes/Sheet/C100/2026/1", "/Students", "/Verify" })
        {
            var html = await client.GetPageAsync(url);
            var forms = FormElement().Matches(html);
            Assert.IsTrue(forms.Count > 0, url);
            foreach (Match form in forms)
            {
                StringAssert.Contains(form.Value, "__RequestVerificationToken", url + ": " + form.Value[..Math.Min(80, form.Value.Length)]);
            }
        }
    }

    [TestMethod]
    public async Task SearchPostsTheFilterAndPagesThroughResults()
    {
        var client = portal.Client("secretary");
        var response = await client.PostFormAsync("/Rolls", "/Rolls",
        [
            new("Filter.Student", "Maria"), new("Filter.CourseCode", "ENG"), new("Filter.From", "2026-03-01"), new("Filter.To", "2026-03-31"), new("Filter.Page", "2"),
        ]);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var search = portal.Archive.LastSearch!;
        Assert.AreEqual("Maria", search.Student);
        Assert.AreEqual("ENG", search.CourseCode);
        Assert.AreEqual(new DateOnly(2026, 3, 1), search.From);
        Assert.AreEqual(new DateOnly(2026, 3, 31), search.To);
        Assert.AreEqual(2, search.Page);
        Assert.AreEqual(1, search.PageSize);

        // Maria is in three rolls, newest first, one per page: page 2 is roll 201 (3 March), with both pager buttons.
        StringAssert.Contains(html, "/Rolls/Detail/201");
        StringAssert.Contains(html, "Página 2 de 3 (3 chamadas)");
        StringAssert.Contains(html, "name=\"Filter.Page\" value=\"1\"");
        StringAssert.Contains(html, "name=\"Filter.Page\" value=\"3\"");

        // The filter stays in the form for the next page.
        StringAssert.Contains(html, "value=\"Maria\"");
    }

    [TestMethod]
    public async Task SearchWithStartAfterEndSaysSoAndDoesNotSearch()
    {
        var client = portal.Client("secretary");
        var html = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Rolls", "/Rolls", [new("Filter.From", "2026-04-01"), new("Filter.To", "2026-03-01")])).Content.ReadAsStringAsync());
        StringAssert.Contains(html, "A data inicial é posterior à data final.");
        Assert.IsFalse(html.Contains("/Rolls/Detail/"));
    }

    [TestMethod]
    public async Task StudentHistoryShowsAttendanceAndTheMinimumRule()
    {
        var client = portal.Client("secretary");
        var html = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Students", "/Students", [new("StudentCode", Joao)])).Content.ReadAsStringAsync());
        StringAssert.Contains(html, JoaoName);
        StringAssert.Contains(html, "Abaixo do mínimo"); // 1 of 2 in C100

        var unknown = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Students", "/Students", [new("StudentCode", "00000000")])).Content.ReadAsStringAsync());
        StringAssert.Contains(unknown, "Nenhum aluno com este código");
        var empty = WebUtility.HtmlDecode(await (await client.PostFormAsync("/Students", "/Students", [new("StudentCode", " ")])).Content.ReadAsStringAsync());
        StringAssert.Contains(empty, "Indique o código do aluno.");
    }

    [TestMethod]
    public async Task ClassSheetHighlightsBelowTheConfiguredMinimum()
    {
        await using var strict = await TestPortal.StartAsync(options => options.MinimumAttendancePercent = 100);
        var html = await strict.Client("secretary").GetPageAsync("/Classes/Sheet/C100/2026/1");
        // Maria 2/2, Joao 1/2, Rita 0/2; the stranger (not enrolled, 1/2) is shown but never judged.
        Assert.AreEqual(2, Regex.Matches(html, "<tr class=\"below\">").Count);
        StringAssert.Contains(WebUtility.HtmlDecode(html), "abaixo de 100 %");

        await using var lenient = await TestPortal.StartAsync(options => options.MinimumAttendancePercent = 40);
        var lenientHtml = await lenient.Client("secretary").GetPageAsync("/Classes/Sheet/C100/2026/1");
        Assert.AreEqual(1, Regex.Matches(lenientHtml, "<tr class=\"below\">").Count);
    }

    [TestMethod]
    public async Task LanguageIsPortugueseByDefaultEnglishByHeaderOrCookie()
    {
        StringAssert.Contains(await portal.Client("secretary").GetPageAsync("/Rolls"), "Chamadas");
        StringAssert.Contains(await portal.Client("secretary", "en-US,en;q=0.9").GetPageAsync("/Rolls"), "<h1>Rolls</h1>");

        var client = portal.Client("secretary", "pt-PT");
        var response = await client.PostFormAsync("/Rolls", "/Language", [new("culture", "en"), new("returnUrl", "/Classes")]);
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual("/Classes", response.Headers.Location!.OriginalString);
        StringAssert.Contains(await client.GetPageAsync("/Rolls"), "<h1>Rolls</h1>");
    }

    [TestMethod]
    public async Task LanguageFormNeverRedirectsOffSite()
    {
        var client = portal.Client("secretary");
        var response = await client.PostFormAsync("/Rolls", "/Language", [new("culture", "en"), new("returnUrl", "https://evil.example/")]);
        Assert.AreEqual("/", response.Headers.Location!.OriginalString);
    }

    [TestMethod]
    public async Task StylesheetIsServedToAnyone()
    {
        var response = await portal.Client(null).GetAsync(PortalPagesExtensions.StylesheetPath);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "tr.below");
    }

    [TestMethod]
    public async Task NoPersonalDataInAnyRenderedUrl()
    {
        var client = portal.Client("secretary");
        var pages = new List<(string Name, string Html)>();
        foreach (var url in new[] { "/", "/Rolls", "/Rolls/Detail/101", "/Rolls/Detail/201", "/Classes", "/Classes/Sheet/C100/2026/1", "/Classes/Sheet/C200/2026/1", "/Students", "/Verify" })
        {
            pages.Add((url, await client.GetPageAsync(url)));
        }

        async Task Post(string name, string action, params (string Key, string Value)[] fields)
        {
            var response = await client.PostFormAsync(action, action, fields.Select(field => KeyValuePair.Create(field.Key, field.Value)));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, name);
            pages.Add((name, await response.Content.ReadAsStringAsync()));
        }

        await Post("search by student", "/Rolls", ("Filter.Student", Maria), ("Filter.ProfessorCode", ProfessorAna));
        await Post("search by name", "/Rolls", ("Filter.Student", JoaoName));
        await Post("history", "/Students", ("StudentCode", Joao));
        await Post("verify", "/Verify", ("Code", Code101));

        var urls = 0;
        foreach (var (name, html) in pages)
        {
            foreach (Match url in UrlAttribute().Matches(html))
            {
                urls++;
                var value = Uri.UnescapeDataString(WebUtility.HtmlDecode(url.Groups[1].Value));
                foreach (var personal in PersonalValues)
                {
                    Assert.IsFalse(value.Contains(personal, StringComparison.OrdinalIgnoreCase), $"{name}: {value} holds {personal}");
                }
            }
        }

        Assert.IsTrue(urls > 50, "too few URLs found to mean anything: " + urls);

        // Nor a style attribute, which a strict Content-Security-Policy would refuse.
        foreach (var (name, html) in pages)
        {
            Assert.IsFalse(html.Contains(" style=\""), name + " has a style attribute");
        }

        // The pages did show the personal data, in their bodies: the scan looked where it could have found it.
        Assert.IsTrue(pages.Any(page => page.Html.Contains(Maria)));
    }

    [TestMethod]
    public async Task NoPersonalDataInTheLogsEvenAtTraceLevel()
    {
        await using var traced = await TestPortal.StartAsync();
        var client = traced.Client("professor:" + ProfessorAna);
        await client.PostFormAsync("/Rolls", "/Rolls", [new("Filter.Student", MariaName), new("Filter.ProfessorCode", ProfessorAna)]);
        await client.PostFormAsync("/Students", "/Students", [new("StudentCode", Joao)]);
        await client.GetPageAsync("/Rolls/Detail/101");
        await client.GetAsync("/Rolls/Detail/101/Csv");
        await client.GetPageAsync("/Classes/Sheet/C100/2026/1");

        Assert.IsTrue(traced.Logs.Messages.Count > 20, "the host logged too little for this test to mean anything");
        Assert.IsTrue(traced.Logs.Messages.Any(message => message.Contains("/Rolls/Detail/101/Csv")), "request lines are not captured");
        foreach (var message in traced.Logs.Messages)
        {
            foreach (var personal in new[] { Maria, MariaName, Joao, JoaoName, AnaName, ProfessorAna })
            {
                Assert.IsFalse(message.Contains(personal, StringComparison.OrdinalIgnoreCase), personal + " logged: " + message);
            }
        }
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("(?:href|action|src|formaction)=\"([^\"]*)\"")]
    private static partial Regex UrlAttribute();
}
