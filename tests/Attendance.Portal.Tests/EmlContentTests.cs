using System.Text;
using Attendance.Portal.Data;
using Attendance.Portal.Verification;
using static Attendance.Portal.Tests.AttendanceEmail;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class EmlContentTests
{
    [TestMethod]
    public void HeaderCodeWinsOverTheBody()
    {
        var content = Read(Build(Roll101, "7KQ2-M9XD-4RTB-0HZC", "AAAA-BBBB-CCCC-DDDD"));
        Assert.AreEqual("7KQ2-M9XD-4RTB-0HZC", content.Code);
    }

    [TestMethod]
    [DataRow("Código de verificação: 7KQ2-M9XD-4RTB-0HZC", "7KQ2-M9XD-4RTB-0HZC")]
    [DataRow("Verification code: 7kq2m9xd4rtb0hzc", "7kq2m9xd4rtb0hzc")]
    [DataRow("Verification code:\n  7KQ2 M9XD 4RTB 0HZC", "7KQ2 M9XD 4RTB 0HZC")]
    [DataRow("see 7KQ2-M9XD-4RTB-0HZC above", "7KQ2-M9XD-4RTB-0HZC")]
    [DataRow("no code here 1234-5678", null)]
    public void BodyCodeIsFoundByItsLabelOrItsShape(string body, string? expected) =>
        Assert.AreEqual(expected, EmlContent.FindCode(null, body));

    [TestMethod]
    public void StudentsComeFromTheCsvAttachmentWithTheirStatuses()
    {
        var content = Read(Build(Roll101, null, "7KQ2-M9XD-4RTB-0HZC"));
        CollectionAssert.AreEqual(
            new[] { new EmailStudent(FakeRollArchive.Maria, PresenceStatus.Enrolled), new EmailStudent(FakeRollArchive.Joao, PresenceStatus.Enrolled), new EmailStudent(FakeRollArchive.Stranger, PresenceStatus.UnknownStudent) },
            content.Students!.ToArray());
    }

    [TestMethod]
    public void WithoutAttachmentTheBodysNumberedListIsRead()
    {
        Line[] lines = [.. Roll101, new("20269999", "Ze  Double  Space", "08:30:00", "NÃO MATRICULADO", true)];
        var content = Read(Build(lines, null, "7KQ2-M9XD-4RTB-0HZC", withCsv: false));
        CollectionAssert.AreEqual(
            new[] { FakeRollArchive.Maria, FakeRollArchive.Joao, FakeRollArchive.Stranger, "20269999" },
            content.Students!.Select(s => s.StudentCode).ToArray());
        CollectionAssert.AreEqual(
            new PresenceStatus?[] { PresenceStatus.Enrolled, PresenceStatus.Enrolled, PresenceStatus.UnknownStudent, PresenceStatus.NotEnrolled },
            content.Students!.Select(s => s.Status).ToArray());
    }

    [TestMethod]
    public void AMessageWithoutListOrCodeSaysSo()
    {
        var content = EmlContent.Read(new MemoryStream(Encoding.UTF8.GetBytes("Subject: hello\r\n\r\njust text\r\n")));
        Assert.IsNull(content.Code);
        Assert.IsNull(content.Students);
    }

    [TestMethod]
    public void ComparisonNamesEveryDifference()
    {
        var stored = new FakeRollArchive().Rolls[0].Presences;
        EmailStudent[] email =
        [
            new(FakeRollArchive.Joao, PresenceStatus.Enrolled),
            new(FakeRollArchive.Stranger, PresenceStatus.Enrolled),
            new("20269999", null),
        ];
        var differences = RollComparison.Compare(stored, email);
        CollectionAssert.AreEquivalent(
            new[]
            {
                new RollDifference(DifferenceKind.OnlyInStoredRoll, FakeRollArchive.Maria, null, PresenceStatus.Enrolled),
                new RollDifference(DifferenceKind.StatusDiffers, FakeRollArchive.Stranger, PresenceStatus.Enrolled, PresenceStatus.UnknownStudent),
                new RollDifference(DifferenceKind.OnlyInEmail, "20269999", null, null),
            },
            differences.ToArray());
        Assert.AreEqual(0, RollComparison.Compare(stored, stored.Select(p => new EmailStudent(p.StudentCode, p.Status)).ToList()).Count);
    }

    private static EmlContent Read(MimeKit.MimeMessage message) => EmlContent.Read(new MemoryStream(Bytes(message)));
}
