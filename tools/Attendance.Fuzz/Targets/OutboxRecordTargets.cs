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

/// <summary>
/// The same record read whole (from bytes) and through the store's window, piece by piece, as the board reads
/// rolls and reports: both must see the same lines and the same verdict, whatever the bytes. A difference is
/// reported as an <see cref="InvalidOperationException"/>, which the harness counts as a failure.
/// </summary>
public sealed class OutboxRecordWindowTarget : FuzzTarget
{
    public override string Name => "outbox-record-window";

    public override byte[][] Samples => [.. StoredSamples.RollRecords(), .. StoredSamples.ReportRecords(), .. StoredSamples.StateRecords()];

    public override Type[] ExpectedExceptions => [];

    public override byte[] Repair(byte[] input, Random random) => StoredSamples.WithEndMarker(input, random);

    public override void Run(byte[] input)
    {
        var store = new MemoryStore();
        store.Set("r", input);
        var whole = new RecordReader(input);
        var window = new RecordReader(new StoredRecord(store, "r"));
        Compare(whole, window);
        window.Restart();
        whole = new RecordReader(input);
        Compare(whole, window);
    }

    private static void Compare(RecordReader whole, RecordReader window)
    {
        while (true)
        {
            var a = whole.Next();
            var b = window.Next();
            if (a != b || (a && (whole.Key != window.Key || whole.Value != window.Value)))
            {
                throw new InvalidOperationException("the window reads another line than the whole record");
            }

            if (!a)
            {
                break;
            }
        }

        if (whole.Intact != window.Intact || whole.Legacy != window.Legacy || whole.UnreadableLines != window.UnreadableLines
            || whole.IntactLines != window.IntactLines || whole.DamagedLines != window.DamagedLines || whole.Problem != window.Problem)
        {
            throw new InvalidOperationException("the window reaches another verdict than the whole record");
        }
    }
}
