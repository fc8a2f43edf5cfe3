using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Tests.Mail;
using MimeKit;

// Managed bytes allocated (GC.GetAllocatedBytesForCurrentThread) to write the 400-student attendance e-mail,
// by the board's streaming writer and by MimeKit building the same message, in the same run. Each is warmed
// up once, then measured over several runs (the minimum is reported).
const int Students = 400;
const int Runs = 5;
RollReport report = MailSampleReports.Large(Students);
MessageSettings settings = MailSampleReports.Settings();

var counting = new CountingSink();
long size = AttendanceMessageWriter.Write(report, settings, counting);
long ours = Measure(() => AttendanceMessageWriter.Write(report, settings, new CountingSink()));
long mimeKit = Measure(() => BuildWithMimeKit(report, settings).WriteTo(Stream.Null));

Console.WriteLine($"Message: {Students} students, {size} bytes");
Console.WriteLine($"Streaming writer: {ours} bytes allocated in total, largest chunk handed to the sink {counting.LargestChunk} bytes");
Console.WriteLine($"MimeKit baseline: {mimeKit} bytes allocated in total");
Console.WriteLine($"Ratio (writer / MimeKit): {(double)ours / mimeKit:F3}");
return 0;

static long Measure(Action action)
{
    action();
    long best = long.MaxValue;
    for (int i = 0; i < Runs; i++)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    return best;
}

static MimeMessage BuildWithMimeKit(RollReport report, MessageSettings settings)
{
    MessageText text = MessageText.For(settings.Language);
    var message = new MimeMessage();
    message.From.Add(new MailboxAddress(settings.SenderName, settings.SenderAddress));
    message.To.Add(new MailboxAddress(report.ProfessorName, report.ProfessorEmail));
    message.Subject = AttendanceMessageWriter.Subject(report, text);
    message.MessageId = MessageIdentity.MessageId(report.RollId, settings.SenderAddress).Trim('<', '>');
    var body = new StringBuilder();
    AttendanceBody.Write(report, text, new StringLines(body));
    var csv = new StringBuilder("\uFEFF");
    AttendanceCsv.Write(report, text, new StringLines(csv));
    var multipart = new Multipart("mixed")
    {
        new TextPart("plain") { Text = body.ToString(), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        new MimePart("text", "csv")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "presença.csv",
        },
    };
    message.Body = multipart;
    return message;
}

sealed class CountingSink : IMessageSink
{
    public long Total;
    public int LargestChunk;

    public void Write(byte[] buffer, int offset, int count)
    {
        Total += count;
        LargestChunk = Math.Max(LargestChunk, count);
    }
}

sealed class StringLines(StringBuilder text) : ITextLineSink
{
    public void WriteLine(string line) => text.Append(line).Append("\r\n");
}
