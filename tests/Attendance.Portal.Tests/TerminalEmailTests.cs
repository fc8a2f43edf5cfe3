using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Portal.Data;
using Attendance.Portal.Verification;
using MimeKit;

namespace Attendance.Portal.Tests;

/// <summary>
/// The verify page's reader against the e-mail the terminal really writes (Core's AttendanceMessageWriter), in
/// both languages: the students and statuses it finds are the report's, from the attachment and from the body.
/// </summary>
[TestClass]
public sealed class TerminalEmailTests
{
    [TestMethod]
    [DataRow(MessageLanguage.Portuguese)]
    [DataRow(MessageLanguage.English)]
    public void StudentsOfTheTerminalsEmailAreReadFromItsAttachment(MessageLanguage language)
    {
        var content = EmlContent.Read(new MemoryStream(Write(Report(), language)));
        CollectionAssert.AreEqual(Expected, content.Students!.ToArray());
    }

    [TestMethod]
    [DataRow(MessageLanguage.Portuguese)]
    [DataRow(MessageLanguage.English)]
    public void StudentsOfTheTerminalsEmailAreReadFromItsBodyWithoutTheAttachment(MessageLanguage language)
    {
        var message = MimeMessage.Load(new MemoryStream(Write(Report(), language)));
        message.Body = new TextPart("plain") { Text = message.TextBody! };
        var content = EmlContent.Read(new MemoryStream(AttendanceEmail.Bytes(message)));
        CollectionAssert.AreEqual(Expected, content.Students!.ToArray());
    }

    private static readonly EmailStudent[] Expected =
    [
        new("20231234", PresenceStatus.Enrolled),
        new("20239876", PresenceStatus.NotEnrolled),
        new("99999", PresenceStatus.UnknownStudent),
        new("20230001", PresenceStatus.Enrolled),
    ];

    private static RollReport Report() => new()
    {
        RollId = "T12-20240205T170000Z",
        TerminalId = "T12",
        ProfessorCode = "P0042",
        ProfessorName = "Conceição Araújo",
        ProfessorEmail = "conceicao.araujo@escola.example",
        ClassCode = "MAT101",
        ClassName = "Cálculo I",
        CourseCode = "ENG",
        CourseName = "Engenharia Civil",
        ClassStartMinuteOfDay = 14 * 60,
        UtcOffsetMinutes = -180,
        OpenedUtc = new DateTime(2024, 2, 5, 17, 0, 0),
        ClosedUtc = new DateTime(2024, 2, 5, 18, 40, 0),
        Entries =
        [
            Entry("20231234", "João  Conceição", 17, 2, AttendanceStatus.Enrolled, false),
            Entry("20239876", "Ñandú Müller", 17, 20, AttendanceStatus.NotEnrolled, true),
            Entry("99999", null, 17, 21, AttendanceStatus.UnknownStudent, true),
            Entry("20230001", ".Ponto; \"Aspas\" = igual [x]", 17, 3, AttendanceStatus.Enrolled, false),
        ],
    };

    private static ReportEntry Entry(string code, string? name, int hour, int minute, AttendanceStatus status, bool late) => new()
    {
        StudentCode = code,
        StudentName = name,
        SwipeUtc = new DateTime(2024, 2, 5, hour, minute, 0),
        Status = status,
        Late = late,
    };

    private static byte[] Write(RollReport report, MessageLanguage language)
    {
        var settings = new MessageSettings { SenderAddress = "terminal-12@escola.example", Language = language };
        var sink = new Sink();
        AttendanceMessageWriter.Write(report, settings, sink);
        return sink.Bytes.ToArray();
    }

    private sealed class Sink : IMessageSink
    {
        public MemoryStream Bytes { get; } = new();

        public void Write(byte[] buffer, int offset, int count) => Bytes.Write(buffer, offset, count);
    }
}
