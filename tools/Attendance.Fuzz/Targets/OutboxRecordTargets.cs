using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// One outbox record read alone (OutboxRecords.ReadRoll / ReadReport / ReadState). Documented rejection:
/// RecordFormatException. Half the mutated inputs get their end marker back so the reader parses them.
/// </summary>
public sealed class OutboxRecordTarget : FuzzTarget
{
    private readonly Action<byte[]> read;

    private OutboxRecordTarget(string name, byte[][] samples, Action<byte[]> read)
    {
        Name = name;
        Samples = samples;
        this.read = read;
    }

    public override string Name { get; }

    public override byte[][] Samples { get; }

    public override Type[] ExpectedExceptions => [typeof(RecordFormatException)];

    public override byte[] Repair(byte[] input, Random random) => StoredSamples.WithEndMarker(input, random);

    public override void Run(byte[] input) => read(input);

    public static OutboxRecordTarget Roll() => new("outbox-roll", StoredSamples.RollRecords(), input =>
    {
        var roll = OutboxRecords.ReadRoll(input);
        _ = MessageIdentity.SafeToken(roll.RollId);
        _ = roll.OpenedUtc.Ticks + roll.ClosedUtc.Ticks;
    });

    public static OutboxRecordTarget Report() => new("outbox-report", StoredSamples.ReportRecords(), input =>
    {
        var report = OutboxRecords.ReadReport(input);
        _ = report.Entries.Length;
    });

    public static OutboxRecordTarget State() => new("outbox-state", StoredSamples.StateRecords(), input =>
    {
        var entry = OutboxRecords.ReadState(input);
        _ = entry.NextAttemptUtc.Ticks;
    });
}
