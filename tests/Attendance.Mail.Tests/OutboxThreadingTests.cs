using System.Diagnostics;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Mail;

namespace Attendance.Mail.Tests;

/// <summary>
/// The outbox shared by two threads, as the terminal runs it: ProcessDue on the network worker, Enqueue,
/// Entries, HasFailedMail and Resend on the door loop. Host-only, because shared Core tests may not start threads.
/// </summary>
[TestClass]
public class OutboxThreadingTests
{
    [TestMethod]
    public void The_door_loop_never_waits_for_a_send_that_is_stalled()
    {
        var store = new GuardedStore(new InMemoryDurableStore(), 0);
        var sender = new StalledSender();
        var outbox = new Outbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock(), OutboxSamples.Options(), null);
        outbox.Enqueue(OutboxSamples.Roll("T12-1"));
        var worker = new Thread(() => outbox.ProcessDue());
        worker.Start();
        Assert.IsTrue(sender.Entered.Wait(TimeSpan.FromSeconds(10)), "the worker must reach the SMTP send");

        // The SMTP server is stalled (the sender blocks until released); the door loop goes on.
        var watch = Stopwatch.StartNew();
        Assert.IsTrue(outbox.Enqueue(OutboxSamples.Roll("T12-2")));
        Assert.AreEqual(2, outbox.Entries().Length);
        Assert.IsFalse(outbox.HasFailedMail);
        Assert.AreEqual(0, outbox.Resend(null));
        watch.Stop();
        Assert.IsTrue(watch.ElapsedMilliseconds < 1000, $"door-loop calls took {watch.ElapsedMilliseconds} ms while the send was stalled");

        sender.Release.Set();
        Assert.IsTrue(worker.Join(TimeSpan.FromSeconds(10)));
        Assert.AreEqual(1, outbox.Entries().Length);
        Assert.AreEqual(0, store.Overlaps, "the store was used by two threads at once");
    }

    [TestMethod]
    public void A_roll_being_enqueued_is_never_seen_half_written()
    {
        // Flash writes of 2 ms per chunk: a 400-student roll takes tens of chunks, and the worker polls meanwhile.
        var store = new GuardedStore(new InMemoryDurableStore(), 2);
        var builder = new RecordingReportBuilder();
        var sender = new MailFakeSender();
        var outbox = new Outbox(store, builder, sender, OutboxSamples.Clock(), OutboxSamples.Options(), null);
        ClosedRoll roll = LargeRoll("T12-big", 400);
        var stop = new ManualResetEventSlim();
        int damaged = 0;
        int failed = 0;
        var worker = new Thread(() =>
        {
            while (!stop.IsSet)
            {
                OutboxResult result = outbox.ProcessDue();
                damaged += result.DamagedRecords + result.RollsSalvaged;
                failed += result.FailedPermanently;
            }
        });
        worker.Start();

        Assert.IsTrue(outbox.Enqueue(roll));
        var deadline = Stopwatch.StartNew();
        while (sender.Sends == 0 && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(5);
        }

        stop.Set();
        Assert.IsTrue(worker.Join(TimeSpan.FromSeconds(20)));
        Assert.AreEqual(1, sender.Sends);
        Assert.AreEqual(400, builder.LastRoll!.StudentCodes.Length);
        Assert.AreEqual(0, damaged);
        Assert.AreEqual(0, failed);
        Assert.AreEqual(0, store.Overlaps);
    }

    private static ClosedRoll LargeRoll(string rollId, int students)
    {
        ClosedRoll roll = OutboxSamples.Roll(rollId);
        roll.ProfessorEmail = "conceicao.araujo@escola.example";
        roll.StudentCodes = new string[students];
        roll.SwipeTimesUtc = new DateTime[students];
        for (int i = 0; i < students; i++)
        {
            roll.StudentCodes[i] = "2023" + i.ToString("D4");
            roll.SwipeTimesUtc[i] = roll.OpenedUtc.AddSeconds(i);
        }

        return roll;
    }

    /// <summary>Blocks in Send until released, as an SMTP server that accepts and never greets.</summary>
    private sealed class StalledSender : ISmtpSender
    {
        public readonly ManualResetEventSlim Entered = new();
        public readonly ManualResetEventSlim Release = new();

        public SmtpSendResult Send(SmtpMessage message)
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
            var reply = new SmtpReply(250, new[] { "queued" });
            message.Accepted?.Invoke(reply);
            return new SmtpSendResult(message.Recipients.Length, Array.Empty<SmtpRefusal>(), reply);
        }
    }

    /// <summary>A store that counts calls overlapping in time (the outbox must serialise them) and can be slow.</summary>
    private sealed class GuardedStore(InMemoryDurableStore inner, int writeDelayMilliseconds) : IDurableStore
    {
        private int _inside;

        public InMemoryDurableStore Inner => inner;

        public int Overlaps;

        public void Append(string name, byte[] data, int offset, int count) => Guard(() => inner.Append(name, data, offset, count), true);

        public void Replace(string name, byte[] data, int offset, int count) => Guard(() => inner.Replace(name, data, offset, count), true);

        public byte[] Read(string name)
        {
            byte[] result = null!;
            Guard(() => result = inner.Read(name), false);
            return result;
        }

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            int result = 0;
            Guard(() => result = inner.ReadAt(name, position, buffer, offset, count), false);
            return result;
        }

        public int Length(string name)
        {
            int result = 0;
            Guard(() => result = inner.Length(name), false);
            return result;
        }

        public void Delete(string name) => Guard(() => inner.Delete(name), false);

        public string[] List(string prefix)
        {
            string[] result = null!;
            Guard(() => result = inner.List(prefix), false);
            return result;
        }

        private void Guard(Action action, bool write)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Interlocked.Increment(ref Overlaps);
            }

            try
            {
                if (write && writeDelayMilliseconds > 0)
                {
                    Thread.Sleep(writeDelayMilliseconds);
                }

                action();
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }
    }
}
