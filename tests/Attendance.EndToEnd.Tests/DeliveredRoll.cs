using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Attendance.LookupServer.Storage;
using MimeKit;

namespace Attendance.EndToEnd.Tests;

/// <summary>What the lookup server's demo data says about a student swiped into the roll.</summary>
public enum Expected
{
    Enrolled,
    NotEnrolled,
    UnknownStudent,
}

/// <summary>A student swipe the test made and what the e-mail must say about it.</summary>
public sealed record ExpectedStudent(string Code, Expected Status)
{
    /// <summary>The name from the demo data, or null for a code the data does not know.</summary>
    public string? Name => SampleData.Students.Where(student => student.Code == Code).Select(student => student.Name).SingleOrDefault();
}

/// <summary>
/// One delivered attendance e-mail, parsed with MimeKit (an independent MIME implementation), and the checks
/// that compare it with the swipes that were made.
/// </summary>
public sealed partial class DeliveredRoll
{
    private DeliveredRoll(string path, MimeMessage message)
    {
        Path = path;
        Message = message;
    }

    public string Path { get; }

    public MimeMessage Message { get; }

    public static DeliveredRoll Load(string path) => new(path, MimeMessage.Load(path));

    /// <summary>
    /// Checks the whole message against the roll: recipients, subject (course, class and date of the class
    /// scheduled at the opening time), Message-ID from the roll id, and the students in the body and in the CSV
    /// attachment, each once, in swipe order, with names and status.
    /// </summary>
    public void AssertMatches(string rollId, string professor, IReadOnlyList<ExpectedStudent> students,
        IReadOnlyDictionary<string, (DateTime NotBefore, DateTime NotAfter)> acceptedSwipes)
    {
        var context = " (message " + Path + ")";
        var professorRow = SampleData.Professors.Single(row => row.Code == professor);

        // Recipients: the professor's address from the lookup server, in the header and in the envelope.
        CollectionAssert.AreEqual(new[] { professorRow.Email }, Message.To.Mailboxes.Select(mailbox => mailbox.Address).ToArray(), "To" + context);
        CollectionAssert.AreEqual(new[] { professorRow.Email }, EndToEndRig.EnvelopeRecipients(Path), "RCPT TO" + context);
        Assert.AreEqual(professorRow.Name, Message.To.Mailboxes.Single().Name, "To display name" + context);
        Assert.AreEqual(EndToEndRig.Sender, Message.From.Mailboxes.Single().Address, "From" + context);

        // The roll id says when the roll was opened (UTC, time.utc-offset-minutes = 0): the class is the demo's
        // class in that slot, so subject and body must name it.
        // RollIdentity: terminal, "-", the 16-character opening time, then "-" and the terminal's roll number.
        var opened = DateTime.ParseExact(rollId.Substring(rollId.IndexOf('-') + 1, 16), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var minute = opened.Hour * 60 + opened.Minute;
        var classRow = SampleData.Classes.Single(row => MinuteOf(row.Start) <= minute && minute < MinuteOf(row.End));
        var courseName = SampleData.Courses.Single(row => row.Code == classRow.Course).Name;
        var date = opened.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.AreEqual("Chamada: " + courseName + " - " + classRow.Name + " - " + date, Message.Subject, "Subject" + context);
        Assert.AreEqual("roll." + rollId + "@example.edu", Message.MessageId, "Message-ID" + context);

        var body = Message.TextBody ?? throw new AssertFailedException("no text/plain body" + context);
        StringAssert.Contains(body, "Disciplina: " + classRow.Name + " (" + classRow.Code + ")", context);
        StringAssert.Contains(body, "Curso: " + courseName + " (" + classRow.Course + ")", context);
        StringAssert.Contains(body, "Professor: " + professorRow.Name + " (" + professor + ")", context);

        AssertBodyEntries(body, students, context);
        AssertCsv(students, acceptedSwipes, context);
    }

    private void AssertBodyEntries(string body, IReadOnlyList<ExpectedStudent> students, string context)
    {
        // "  3. A2003  Maria da Graça Gonçalves  14:05:10  [NÃO MATRICULADO, ATRASADO]"
        var entries = body.ReplaceLineEndings("\n").Split('\n').Select(line => EntryLine().Match(line)).Where(match => match.Success).ToArray();
        Assert.AreEqual(students.Count, entries.Length, "entries in the body:\n" + body + context);
        Assert.IsTrue(body.Contains("Presentes (" + students.Count + "):", StringComparison.Ordinal), "count line:\n" + body + context);
        for (var i = 0; i < students.Count; i++)
        {
            var entry = entries[i];
            var student = students[i];
            Assert.AreEqual(i + 1, int.Parse(entry.Groups["number"].Value, CultureInfo.InvariantCulture), context);
            Assert.AreEqual(student.Code, entry.Groups["code"].Value, "body entry " + (i + 1) + context);
            Assert.AreEqual(student.Name ?? "(nome desconhecido)", entry.Groups["name"].Value, "body entry " + (i + 1) + context);
            var flags = entry.Groups["flags"].Value;
            Assert.AreEqual(student.Status == Expected.NotEnrolled, flags.Contains("NÃO MATRICULADO", StringComparison.Ordinal), "flags of " + student.Code + ": " + flags + context);
            Assert.AreEqual(student.Status == Expected.UnknownStudent, flags.Contains("NÃO É ALUNO", StringComparison.Ordinal), "flags of " + student.Code + ": " + flags + context);
        }
    }

    private void AssertCsv(IReadOnlyList<ExpectedStudent> students,
        IReadOnlyDictionary<string, (DateTime NotBefore, DateTime NotAfter)> acceptedSwipes, string context)
    {
        var attachment = Message.Attachments.OfType<MimePart>().Single();
        Assert.AreEqual("text/csv", attachment.ContentType.MimeType, context);
        StringAssert.EndsWith(attachment.FileName, ".csv", context);
        using var content = new MemoryStream();
        (attachment.Content ?? throw new AssertFailedException("empty attachment" + context)).DecodeTo(content);
        var bytes = content.ToArray();
        // A UTF-8 byte order mark, so spreadsheets read the accents right.
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray(), "CSV BOM" + context);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var records = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line.Split(';')).ToArray();
        CollectionAssert.AreEqual(new[] { "codigo", "nome", "data", "hora", "situacao", "atrasado" }, records[0], "CSV header" + context);
        Assert.AreEqual(students.Count + 1, records.Length, "CSV records:\n" + text + context);
        for (var i = 0; i < students.Count; i++)
        {
            var record = records[i + 1];
            var student = students[i];
            Assert.AreEqual(6, record.Length, "CSV record " + string.Join(";", record) + context);
            Assert.AreEqual(student.Code, record[0], "CSV record " + (i + 1) + context);
            Assert.AreEqual(student.Name ?? string.Empty, record[1], "CSV record " + (i + 1) + context);
            var status = student.Status switch
            {
                Expected.Enrolled => "matriculado",
                Expected.NotEnrolled => "NÃO MATRICULADO",
                _ => "NÃO É ALUNO",
            };
            Assert.AreEqual(status, record[4], "CSV status of " + student.Code + context);

            // The swipe time (local = UTC here, to the second) lies between writing the code and seeing the verdict.
            var swiped = DateTime.ParseExact(record[2] + " " + record[3], "dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var (notBefore, notAfter) = acceptedSwipes[student.Code];
            Assert.IsTrue(swiped >= notBefore.AddTicks(-(notBefore.Ticks % TimeSpan.TicksPerSecond)) && swiped <= notAfter,
                "CSV time of " + student.Code + " " + swiped.ToString("O") + " outside the swipe " + notBefore.ToString("O") + " - " + notAfter.ToString("O") + context);
        }
    }

    private static int MinuteOf(string hoursAndMinutes) =>
        int.Parse(hoursAndMinutes[..2], CultureInfo.InvariantCulture) * 60 + int.Parse(hoursAndMinutes[3..], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<number>\d+)\. (?<code>\S+)  (?<name>.+?)  (?<time>\d\d:\d\d:\d\d)(?:  \[(?<flags>[^\]]*)\])?$")]
    private static partial Regex EntryLine();
}
