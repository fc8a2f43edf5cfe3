using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>The outbox as the outbox tests build it: sample rolls, the options, a set clock, a recording log.</summary>
    public static class OutboxSamples
    {
        public static Outbox NewOutbox(InMemoryDurableStore store, IRollReportBuilder builder, MailFakeSender sender, FakeClock clock)
        {
            return NewOutbox(store, builder, sender, clock, Options(), new MailRecordingLog());
        }

        public static Outbox NewOutbox(InMemoryDurableStore store, IRollReportBuilder builder, MailFakeSender sender, FakeClock clock,
            OutboxOptions options, MailRecordingLog log)
        {
            return new Outbox(store, builder, sender, clock, options, log);
        }

        public static OutboxOptions Options()
        {
            OutboxOptions options = new OutboxOptions();
            options.Message = MailSampleReports.Settings();
            return options;
        }

        public static FakeClock Clock()
        {
            return new FakeClock(new DateTime(2024, 2, 5, 19, 0, 0));
        }

        public static ClosedRoll Roll(string rollId)
        {
            ClosedRoll roll = new ClosedRoll();
            roll.RollId = rollId;
            roll.TerminalId = "T12";
            roll.ProfessorCode = "P0042";
            roll.OpenedUtc = new DateTime(2024, 2, 5, 17, 0, 0);
            roll.ClosedUtc = new DateTime(2024, 2, 5, 18, 40, 0);
            roll.StudentCodes = new string[] { "20231234", "20239876", "99999" };
            roll.SwipeTimesUtc = new DateTime[]
            {
                new DateTime(2024, 2, 5, 17, 2, 10), new DateTime(2024, 2, 5, 17, 20, 0), new DateTime(2024, 2, 5, 17, 21, 5),
            };
            return roll;
        }

        /// <summary>A copy of <paramref name="data"/> with one bit flipped.</summary>
        public static byte[] Flip(byte[] data, int bit)
        {
            byte[] flipped = (byte[])data.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            return flipped;
        }
    }
}
