using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;

namespace Attendance.Fuzz.Support;

/// <summary>
/// The check behind "after any damaged input a valid roll must still go out": over a store holding damaged data,
/// a terminal starts, a professor runs a class, and the roll must reach the (fake) SMTP server.
/// </summary>
public static class ValidRoll
{
    public static readonly MessageSettings Message = new() { SenderAddress = "terminal-t01@example.edu", SenderName = "Terminal T01" };

    public static Outbox NewOutbox(MemoryStore store, FixedClock clock, CapturingSender sender) =>
        new(store, new LocalReportBuilder(), sender, clock, new OutboxOptions { Message = Message, FirstRetrySeconds = 1, MaximumRetrySeconds = 2 }, null!);

    /// <summary>
    /// Start-up over the store (the roll restored from its journal and handed over if it was closing or
    /// overdue), then a new class: it must be delivered. Any exception on the way counts as "not delivered".
    /// </summary>
    public static bool GoesOutAfterStartUp(MemoryStore store)
    {
        var clock = new FixedClock();
        var sender = new CapturingSender();
        var outbox = NewOutbox(store, clock, sender);
        var roll = new AttendanceRoll(StoredSamples.RollOptions(), clock, store, new PrefixDirectory());
        try
        {
            roll.Restore();
            clock.Advance(TimeSpan.FromHours(5));
            roll.CloseIfOverdue();
            if (roll.State == RollState.Open)
            {
                // Not overdue by its stored opening time: its professor closes it, as in class.
                roll.Swipe(roll.ProfessorCode);
            }

            if (roll.State == RollState.Closing)
            {
                outbox.Enqueue(roll.BeginClose());
                roll.CompleteClose();
            }
        }
        catch (Exception exception)
        {
            // The damaged roll may be lost; the terminal must still take the next class (checked below).
            Trace("restore/hand-over: " + exception.GetType().Name + " " + exception.Message);
        }

        clock.Advance(TimeSpan.FromHours(1));
        var open = roll.Swipe("P2002");
        var student = open == SwipeResult.Opened ? roll.Swipe("A9001") : SwipeResult.StorageFailed;
        var close = student == SwipeResult.Accepted ? roll.Swipe("P2002") : SwipeResult.StorageFailed;
        if (close != SwipeResult.Closing)
        {
            Trace("next class: " + open + ", " + student + ", " + close + "; roll " + roll.State + " " + roll.RollId);
            return false;
        }

        var closed = roll.BeginClose();
        outbox.Enqueue(closed);
        roll.CompleteClose();
        return Delivered(outbox, clock, sender, closed.RollId);
    }

    /// <summary>A new roll enqueued after the damage, and the untouched roll already waiting, must both go out.</summary>
    public static bool GoesOutThroughOutbox(MemoryStore store, string untouchedRollId)
    {
        var clock = new FixedClock();
        var sender = new CapturingSender();
        var outbox = NewOutbox(store, clock, sender);
        var fresh = StoredSamples.ClosedRoll("T01-20260302T111500Z", "A2007", "A2008");
        outbox.Enqueue(fresh);
        return Delivered(outbox, clock, sender, fresh.RollId, untouchedRollId);
    }

    /// <summary>With ATTENDANCE_FUZZ_TRACE set (used with --replay), says why a valid roll did not go out.</summary>
    private static void Trace(string text)
    {
        if (Environment.GetEnvironmentVariable("ATTENDANCE_FUZZ_TRACE") != null)
        {
            Console.WriteLine("trace: " + text);
        }
    }

    private static bool Delivered(Outbox outbox, FixedClock clock, CapturingSender sender, params string[] rollIds)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            try
            {
                outbox.ProcessDue();
            }
            catch (Exception exception)
            {
                // A throwing outbox on the PC terminal ends the process; the next attempt models the restart.
                Trace("ProcessDue: " + exception.GetType().Name + " " + exception.Message);
            }

            clock.Advance(TimeSpan.FromMinutes(10));
        }

        return rollIds.All(id => sender.Messages.Any(message => message.Contains(MessageIdentity.MessageId(id, Message.SenderAddress), StringComparison.Ordinal)));
    }
}
