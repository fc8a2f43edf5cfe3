using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;

namespace Attendance.Fuzz.Support;

/// <summary>A clock standing still at a set time (moved by hand).</summary>
public sealed class FixedClock : IClock
{
    public DateTime UtcNow { get; set; } = new(2026, 3, 2, 8, 15, 0, DateTimeKind.Utc);

    public long MonotonicMilliseconds { get; set; } = 1000;

    public void Advance(TimeSpan by)
    {
        UtcNow += by;
        MonotonicMilliseconds += (long)by.TotalMilliseconds;
    }
}

/// <summary>Professor cards start with 'P'; everyone else is a student.</summary>
public sealed class PrefixDirectory : IProfessorDirectory
{
    public string FindProfessorEmail(string cardCode) => cardCode.StartsWith('P') ? cardCode.ToLowerInvariant() + "@example.edu" : null!;
}

/// <summary>A report from the closed roll alone (no lookup server): each student enrolled, named by code.</summary>
public sealed class LocalReportBuilder : IRollReportBuilder
{
    public RollReport Build(ClosedRoll roll, ReportEntryArea area)
    {
        var report = new RollReport
        {
            RollId = roll.RollId,
            TerminalId = roll.TerminalId,
            ProfessorCode = roll.ProfessorCode,
            ProfessorName = "Professor " + roll.ProfessorCode,
            ProfessorEmail = roll.ProfessorEmail ?? "prof@example.edu",
            ClassCode = "C1",
            ClassName = "Class",
            CourseCode = "K1",
            CourseName = "Course",
            ClassStartMinuteOfDay = 8 * 60,
            OpenedUtc = roll.OpenedUtc,
            ClosedUtc = roll.ClosedUtc,
            ClosedAutomatically = roll.ClosedAutomatically,
        };
        var entries = new List<ReportEntry>();
        var students = roll.OpenStudents();
        while (students.Next())
        {
            entries.Add(new ReportEntry
            {
                StudentCode = students.Code,
                StudentName = "Student " + students.Code,
                SwipeUtc = students.SwipeUtc,
                Status = AttendanceStatus.Enrolled,
            });
        }

        report.Entries = entries.ToArray();
        return report;
    }
}

/// <summary>An SMTP sender that accepts every message and keeps its rendered bytes.</summary>
public sealed class CapturingSender : ISmtpSender
{
    public List<string> Messages { get; } = [];

    public SmtpSendResult Send(SmtpMessage message)
    {
        var sink = new BufferSink();
        message.Content.WriteTo(sink);
        Messages.Add(System.Text.Encoding.UTF8.GetString(sink.Bytes.ToArray()));
        var reply = new SmtpReply(250, ["queued"]);
        message.Accepted?.Invoke(reply);
        return new SmtpSendResult(message.Recipients.Length, [], reply);
    }

    private sealed class BufferSink : IMessageSink
    {
        public List<byte> Bytes { get; } = [];

        public void Write(byte[] buffer, int offset, int count) => Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
    }
}

/// <summary>A connection that hands out the input in chunks of the sizes a seeded random picks, then EOF.</summary>
public sealed class ChunkedConnection : INetworkConnection
{
    private readonly byte[] data;
    private readonly Random random;
    private int position;

    public ChunkedConnection(byte[] data, int seed)
    {
        this.data = data;
        random = new Random(seed);
    }

    public int ReadTimeoutMilliseconds { get; set; }

    public bool IsSecure => false;

    public int Read(byte[] buffer, int offset, int count)
    {
        if (position >= data.Length || count == 0)
        {
            return 0;
        }

        int take = Math.Min(Math.Min(count, data.Length - position), 1 + random.Next(random.Next(2) == 0 ? 8 : 600));
        Array.Copy(data, position, buffer, offset, take);
        position += take;
        return take;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
    }

    public void Dispose()
    {
    }
}
