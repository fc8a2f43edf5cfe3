using System.Text;
using Attendance.Core.Mail.Outbox;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The outbox at start-up over a store where one record of a waiting roll is damaged (the input), beside a
/// valid waiting roll: construction, Entries() and ProcessDue() with an SMTP sender that accepts everything.
/// Stored data must never stop the terminal, so nothing may be thrown; and afterwards the valid roll, and a
/// new roll enqueued after the damage, must both go out.
/// </summary>
public sealed class OutboxStoreTarget : FuzzTarget
{
    public override string Name => "outbox-store";

    public override byte[][] Samples { get; } = StoredSamples.RollRecords().Concat(StoredSamples.ReportRecords()).Concat(StoredSamples.StateRecords()).ToArray();

    public override byte[] Repair(byte[] input, Random random) => StoredSamples.WithEndMarker(input, random);

    public override void Run(byte[] input)
    {
        var (store, _) = DamagedStore(input);
        var outbox = ValidRoll.NewOutbox(store, new FixedClock(), new CapturingSender());
        outbox.Entries();
        outbox.ProcessDue();
    }

    public override bool? ValidRollStillGoesOut(byte[] input)
    {
        var (store, untouched) = DamagedStore(input);
        return ValidRoll.GoesOutThroughOutbox(store, untouched);
    }

    /// <summary>
    /// A store with the damaged roll (its record of the kind the input looks like replaced by the input) and an
    /// untouched valid roll; returns the untouched roll's id.
    /// </summary>
    public static (MemoryStore Store, string UntouchedRollId) DamagedStore(byte[] input)
    {
        var store = new MemoryStore();
        var damaged = StoredSamples.ThreeStudents;
        var untouched = StoredSamples.ClosedRoll("T01-20260302T093000Z", "A2005");
        const string prefix = "outbox-";
        OutboxRecords.WriteRoll(store, prefix + damaged.RollId + ".roll", damaged);
        store.Set(prefix + damaged.RollId + ".report", StoredSamples.ReportRecord(damaged));
        store.Set(prefix + damaged.RollId + ".state", StoredSamples.StateRecord(damaged.RollId, OutboxEntryStatus.Pending, 0, null));
        OutboxRecords.WriteRoll(store, prefix + untouched.RollId + ".roll", untouched);
        store.Set(prefix + untouched.RollId + ".state", StoredSamples.StateRecord(untouched.RollId, OutboxEntryStatus.Pending, 0, null));

        var text = Encoding.UTF8.GetString(input);
        var suffix = text.Contains("professorName") ? ".report" : text.Contains("status=") || text.Contains("failures=") ? ".state" : ".roll";
        store.Set(prefix + damaged.RollId + suffix, input);
        return (store, untouched.RollId);
    }
}
