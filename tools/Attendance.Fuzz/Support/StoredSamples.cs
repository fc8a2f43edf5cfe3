using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;

namespace Attendance.Fuzz.Support;

/// <summary>Valid stored records, each made by the code that writes it on the terminal.</summary>
public static class StoredSamples
{
    public const string JournalName = "roll.journal";
    public const string CacheName = "professors.cache";

    public static RollOptions RollOptions() => new() { TerminalId = "T01", JournalName = JournalName, ProfessorCacheName = CacheName };

    /// <summary>A journal as AttendanceRoll writes it: open, swipes, and (when <paramref name="closed"/>) the close.</summary>
    public static byte[] Journal(bool closed, int students = 3)
    {
        var store = new MemoryStore();
        var clock = new FixedClock();
        var roll = new AttendanceRoll(RollOptions(), clock, store, new PrefixDirectory());
        roll.Restore();
        roll.Swipe("P1001");
        for (int i = 0; i < students; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(7));
            roll.Swipe("A20" + i.ToString("00"));
        }

        if (closed)
        {
            roll.Swipe("P1001");
        }

        return store.Read(JournalName);
    }

    /// <summary>A professor cache as ProfessorCache saves it, holding the given codes.</summary>
    public static byte[] ProfessorCache(params string[] codes)
    {
        var store = new MemoryStore();
        var cache = new ProfessorCache(store, CacheName, 16, 30);
        var when = new FixedClock().UtcNow;
        foreach (var code in codes)
        {
            cache.Confirm(code, when);
        }

        return store.Read(CacheName);
    }

    public static ClosedRoll ClosedRoll(string rollId, params string[] students)
    {
        var opened = new DateTime(2026, 3, 2, 8, 15, 0, DateTimeKind.Utc);
        return new ClosedRoll
        {
            RollId = rollId,
            TerminalId = "T01",
            ProfessorCode = "P1001",
            ProfessorEmail = "p1001@example.edu",
            OpenedUtc = opened,
            ClosedUtc = opened.AddMinutes(50),
            StudentCodes = students,
            SwipeTimesUtc = students.Select((_, i) => opened.AddSeconds(30 + i)).ToArray(),
        };
    }

    public static byte[] RollRecord(ClosedRoll roll)
    {
        var store = new MemoryStore();
        OutboxRecords.WriteRoll(store, "r", roll);
        return store.Read("r");
    }

    public static byte[] ReportRecord(ClosedRoll roll)
    {
        var store = new MemoryStore();
        var report = new LocalReportBuilder().Build(roll);
        if (report.Entries.Length > 1)
        {
            report.Entries[1].Status = AttendanceStatus.NotEnrolled;
            report.Entries[1].Late = true;
            report.Entries[1].StudentName = "Maria da Graça | Gonçalves % 100";
        }

        OutboxRecords.WriteReport(store, "r", report);
        return store.Read("r");
    }

    public static byte[] StateRecord(string rollId, OutboxEntryStatus status, int failures, string? error)
    {
        var store = new MemoryStore();
        var entry = new OutboxEntry
        {
            RollId = rollId,
            Status = status,
            Failures = failures,
            NextAttemptUtc = failures == 0 ? DateTime.MinValue : new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc),
            LastReplyCode = failures == 0 ? 0 : 451,
            LastError = error,
        };
        OutboxRecords.WriteState(store, "r", entry);
        return store.Read("r");
    }

    public static readonly ClosedRoll ThreeStudents = ClosedRoll("T01-20260302T081500Z", "A2001", "A2002", "ZZ9999");

    public static byte[][] RollRecords() => [RollRecord(ThreeStudents), RollRecord(ClosedRoll("T01-20260302T101500Z"))];

    public static byte[][] ReportRecords() => [ReportRecord(ThreeStudents), ReportRecord(ClosedRoll("T01-20260302T101500Z", "A2003"))];

    public static byte[][] StateRecords() =>
    [
        StateRecord(ThreeStudents.RollId, OutboxEntryStatus.Pending, 0, null),
        StateRecord(ThreeStudents.RollId, OutboxEntryStatus.RetryScheduled, 3, "451 4.3.0 try later = %"),
        StateRecord(ThreeStudents.RollId, OutboxEntryStatus.WaitingForLookup, 1, "Lookup failed: unreachable"),
    ];

    /// <summary>Restores "…\nend\n" at the end of a text record, so the reader gets past its completeness check.</summary>
    public static byte[] WithEndMarker(byte[] input)
    {
        if (RecordReader.IsComplete(input))
        {
            return input;
        }

        var tail = input.Length > 0 && input[^1] == (byte)'\n' ? "end\n"u8.ToArray() : "\nend\n"u8.ToArray();
        return input.Concat(tail).ToArray();
    }
}
