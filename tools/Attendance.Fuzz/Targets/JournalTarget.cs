using Attendance.Core.Roll;
using Attendance.Fuzz.Support;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The roll journal read back at start-up (AttendanceRoll.Restore over a store holding the input), then the
/// restored roll handed over as the terminal would. Restore drops a damaged tail and never throws. Half the
/// mutated inputs get their CRCs recomputed (see <see cref="Repair"/>) so the replay behind the CRC is reached.
/// </summary>
public sealed class JournalTarget : FuzzTarget
{
    public override string Name => "roll-journal";

    public override byte[][] Samples { get; } = [StoredSamples.Journal(closed: true), StoredSamples.Journal(closed: false), StoredSamples.Journal(closed: true, students: 0)];

    public override byte[] Repair(byte[] input, Random random) => Reseal(input);

    /// <summary>Recomputes the CRC of every record whose length field still fits, as a writer would have.</summary>
    public static byte[] Reseal(byte[] input)
    {
        var data = (byte[])input.Clone();
        int position = 0;
        while (position + RollJournal.Overhead <= data.Length)
        {
            int length = LittleEndian.ReadUInt16(data, position);
            if (length < 1 || position + 2 + length + 4 > data.Length)
            {
                break;
            }

            LittleEndian.WriteUInt32(data, position + 2 + length, Crc32.Compute(data, position, 2 + length));
            position += 2 + length + 4;
        }

        return data;
    }

    public override void Run(byte[] input)
    {
        var store = new MemoryStore();
        store.Set(StoredSamples.JournalName, input);
        var roll = new AttendanceRoll(StoredSamples.RollOptions(), new FixedClock(), store, new PrefixDirectory());
        roll.Restore();
        Use(roll);
    }

    /// <summary>What the terminal does with a restored roll: shows its id, and hands a closing roll to the outbox.</summary>
    public static void Use(AttendanceRoll roll)
    {
        _ = roll.RollId;
        _ = roll.OpenedUtc;
        var snapshot = roll.State == RollState.Closing ? roll.BeginClose() : roll.Snapshot();
        if (snapshot != null)
        {
            _ = Core.Mail.Message.MessageIdentity.SafeToken(snapshot.RollId);
            _ = snapshot.ClosedUtc.Ticks + snapshot.OpenedUtc.Ticks;
        }
    }

    public override bool? ValidRollStillGoesOut(byte[] input)
    {
        var store = new MemoryStore();
        store.Set(StoredSamples.JournalName, input);
        return ValidRoll.GoesOutAfterStartUp(store);
    }
}
