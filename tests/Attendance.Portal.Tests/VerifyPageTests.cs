using System.Net;
using System.Net.Http.Headers;
using static Attendance.Portal.Tests.FakeRollArchive;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class VerifyPageTests
{
    private static TestPortal portal = null!;

    [ClassInitialize]
    public static async Task Start(TestContext context) => portal = await TestPortal.StartAsync();

    [ClassCleanup]
    public static async Task Stop() => await portal.DisposeAsync();

    [TestMethod]
    [DataRow("7kq2-m9xd-4rtb-ohzc", "Authentic", "Autêntico")]
    [DataRow(Code102, "Altered", "foi alterada depois de recebida")]
    [DataRow("0000-0000-0000-0000", "Unknown", "Nenhuma chamada guardada tem este código")]
    public async Task PastedCodeGetsTheArchivesAnswer(string code, string outcome, string text)
    {
        var html = await Paste(portal.Client("secretary"), code);
        StringAssert.Contains(html, $"data-outcome=\"{outcome}\"");
        StringAssert.Contains(html, text);
    }

    [TestMethod]
    [DataRow("abc", "Código inválido")]
    [DataRow("7KQ2-M9XD-4RTB-0HZU", "Código inválido")]
    [DataRow("", "Indique um código de verificação ou um ficheiro .eml.")]
    public async Task BadInputGetsAClearMessage(string code, string message)
    {
        var html = await Paste(portal.Client("secretary"), code);
        StringAssert.Contains(html, message);
        Assert.IsFalse(html.Contains("data-outcome"));
    }

    [TestMethod]
    public async Task ProfessorLearnsTheOutcomeButNotAnotherProfessorsRoll()
    {
        var html = await Paste(portal.Client("professor:" + ProfessorAna), Code201);
        StringAssert.Contains(html, "data-outcome=\"Authentic\"");
        StringAssert.Contains(html, "não pertence às suas disciplinas");
        Assert.IsFalse(html.Contains("/Rolls/Detail/201"));
        Assert.IsFalse(html.Contains(BrunoName));
    }

    [TestMethod]
    public async Task UploadedEmailMatchingTheStoredRoll()
    {
        var html = await Upload(portal.Client("secretary"), AttendanceEmail.Bytes(AttendanceEmail.Build(AttendanceEmail.Roll101, "7KQ2-M9XD-4RTB-0HZC", null)));
        StringAssert.Contains(html, "data-outcome=\"Authentic\"");
        StringAssert.Contains(html, "/Rolls/Detail/101");
        StringAssert.Contains(html, "A lista de alunos do e-mail é igual à da chamada guardada.");
    }

    [TestMethod]
    public async Task UploadedEmailWithAnEditedListSaysWhatDiffers()
    {
        // Maria removed, a student added, the stranger's status edited; the code (in the body) left as it was.
        AttendanceEmail.Line[] edited =
        [
            AttendanceEmail.Roll101[1],
            AttendanceEmail.Roll101[2] with { Status = "matriculado" },
            new("20269999", "Novo Aluno", "08:10:00", "matriculado", false),
        ];
        var html = await Upload(portal.Client("professor:" + ProfessorAna), AttendanceEmail.Bytes(AttendanceEmail.Build(edited, null, "7KQ2-M9XD-4RTB-0HZC")));
        StringAssert.Contains(html, "data-outcome=\"Authentic\"");
        StringAssert.Contains(html, $"{Maria}: na chamada guardada, não no e-mail");
        StringAssert.Contains(html, "20269999: no e-mail, não na chamada guardada");
        StringAssert.Contains(html, $"{Stranger}: situação «matriculado» no e-mail, «NÃO É ALUNO» na chamada guardada");
        Assert.IsFalse(html.Contains(Joao + ":"), "an unchanged student is not a difference");
    }

    [TestMethod]
    public async Task UploadedEmailOfAnotherProfessorsRollIsNotCompared()
    {
        var html = await Upload(portal.Client("professor:" + ProfessorAna), AttendanceEmail.Bytes(AttendanceEmail.Build(AttendanceEmail.Roll101, Code201, null)));
        StringAssert.Contains(html, "não pertence às suas disciplinas");
        Assert.IsFalse(html.Contains("id=\"comparison\""), "comparing would reveal the other roll's students");
    }

    [TestMethod]
    public async Task UploadedFileWithoutCodeOrTooLargeIsRefusedClearly()
    {
        var client = portal.Client("secretary");
        StringAssert.Contains(await Upload(client, "Subject: x\r\n\r\nno code\r\n"u8.ToArray()), "O e-mail não tem código de verificação.");
        var large = new byte[Pages.Verify.IndexModel.MaxEmlBytes + 1];
        StringAssert.Contains(await Upload(client, large), "O ficheiro é grande demais");
    }

    private static async Task<string> Paste(PortalClient client, string code)
    {
        var response = await client.PostFormAsync("/Verify", "/Verify", [new("Code", code)]);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> Upload(PortalClient client, byte[] eml)
    {
        var file = new ByteArrayContent(eml);
        file.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        var content = new MultipartFormDataContent { { new StringContent(""), "Code" }, { file, "Eml", "roll.eml" } };
        var response = await client.PostMultipartAsync("/Verify", "/Verify", content);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
