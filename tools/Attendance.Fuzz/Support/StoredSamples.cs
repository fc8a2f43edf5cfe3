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
        var report = new LocalReportBuilder().Build(roll, null!);
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

    /// <summary>
    /// Makes a mutated text record readable again, so the fuzzing reaches the value checks behind the CRCs: two
    /// times in three every line is sealed afresh with its CRC and a matching end line (what a record damaged
    /// before it was written, or by a writer bug, would look like), otherwise the bare "end" of the format
    /// before checksums is put back (the legacy reader, which reads lines unchecked).
    /// </summary>
    public static byte[] WithEndMarker(byte[] input, Random random)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i <= input.Length; i++)
        {
            if (i == input.Length || input[i] == (byte)'\n')
            {
                var line = input[start..i];
                start = i + 1;
                if (line.Length >= RecordWriter.CrcSuffixBytes && line[^RecordWriter.CrcSuffixBytes] == (byte)RecordWriter.CrcMark)
                {
                    line = line[..^RecordWriter.CrcSuffixBytes];
                }

                bool endLine = line.AsSpan().SequenceEqual("end"u8) || line.AsSpan().StartsWith("end="u8);
                if (line.Length > 0 && !endLine)
                {
                    lines.Add(line);
                }
            }
        }

        var record = new List<byte>();
        if (random.Next(3) == 0)
        {
            foreach (var line in lines)
            {
                record.AddRange(line);
                record.Add((byte)'\n');
            }

            record.AddRange("end\n"u8.ToArray());
            return record.ToArray();
        }

        foreach (var line in lines)
        {
            Seal(record, line);
        }

        uint recordCrc = Crc32.Update(0, record.ToArray(), 0, record.Count);
        Seal(record, System.Text.Encoding.UTF8.GetBytes("end=" + lines.Count + "|" + RecordWriter.Hex(recordCrc)));
        return record.ToArray();
    }

    private static void Seal(List<byte> record, byte[] line)
    {
        record.AddRange(line);
        record.Add((byte)RecordWriter.CrcMark);
        record.AddRange(System.Text.Encoding.ASCII.GetBytes(RecordWriter.Hex(Crc32.Compute(line, 0, line.Length))));
        record.Add((byte)'\n');
    }
}
