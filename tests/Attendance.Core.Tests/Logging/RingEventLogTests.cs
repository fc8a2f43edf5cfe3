using System;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Logging
{
    [TestClass]
    public class RingEventLogTests
    {
        [TestMethod]
        public void Every_line_goes_to_the_ring_and_to_the_sink_with_the_clock_time()
        {
            FakeClock clock = new FakeClock(new DateTime(2024, 2, 5, 17, 0, 0));
            MailRecordingLog sink = new MailRecordingLog();
            RingEventLog log = new RingEventLog(new LogRing(4, 64), sink, clock, LogLevel.Information);

            log.Write(LogLevel.Information, "start", "Attendance terminal starting");
            clock.Advance(1500);
            log.Write(LogLevel.Error, "smtp", "550 refused");

            Assert.AreEqual("start: Attendance terminal starting\nsmtp: 550 refused\n", sink.All());
            string[] lines = log.Ring.Lines();
            Assert.AreEqual(2, lines.Length);
            Assert.AreEqual("INF start: Attendance terminal starting", lines[0]);
            Assert.AreEqual("ERR smtp: 550 refused", lines[1]);
            LogRingLine line = log.Ring.NewLine();
            Assert.IsTrue(log.Ring.TryRead(1, line));
            Assert.AreEqual(new DateTime(2024, 2, 5, 17, 0, 1, 500).Ticks, line.UtcTicks);
        }

        [TestMethod]
        public void Lines_below_the_minimum_level_go_nowhere()
        {
            MailRecordingLog sink = new MailRecordingLog();
            RingEventLog log = new RingEventLog(new LogRing(4, 64), sink, null, LogLevel.Warning);

            log.Write(LogLevel.Debug, "a", "debug");
            log.Write(LogLevel.Information, "a", "information");
            log.Write(LogLevel.Warning, "a", "warning");

            Assert.AreEqual(1, sink.Count);
            Assert.AreEqual(1, log.Ring.Count);
            Assert.AreEqual("WRN a: warning", log.Ring.Lines()[0]);
        }

        [TestMethod]
        public void A_failing_sink_loses_its_line_but_the_ring_keeps_it_and_nothing_throws()
        {
            RingEventLog log = new RingEventLog(new LogRing(4, 64), new ThrowingLog(), new ThrowingClock(), LogLevel.Debug);

            log.Write(LogLevel.Error, "terminal", "step failed");

            LogRingLine line = log.Ring.NewLine();
            Assert.IsTrue(log.Ring.TryRead(0, line));
            Assert.AreEqual("terminal: step failed", line.Text);
            Assert.AreEqual(0L, line.UtcTicks);
        }

        [TestMethod]
        public void Without_a_sink_or_a_clock_the_ring_alone_keeps_the_lines()
        {
            RingEventLog log = new RingEventLog(new LogRing(2, 32), null, null, LogLevel.Debug);

            log.Write(LogLevel.Debug, "a", "1");
            log.Write(LogLevel.Debug, "b", "2");
            log.Write(LogLevel.Debug, "c", "3");

            string[] lines = log.Ring.Lines();
            Assert.AreEqual(2, lines.Length);
            Assert.AreEqual("DBG b: 2", lines[0]);
            Assert.AreEqual("DBG c: 3", lines[1]);
        }

        [TestMethod]
        public void A_log_needs_a_ring()
        {
            Expect.Throws(typeof(ArgumentNullException), delegate { new RingEventLog(null, null, null, LogLevel.Debug); });
        }

        private sealed class ThrowingLog : IEventLog
        {
            public void Write(LogLevel level, string source, string message)
            {
                throw new InvalidOperationException("sink gone");
            }
        }

        private sealed class ThrowingClock : IClock
        {
            public DateTime UtcNow
            {
                get { throw new InvalidOperationException("no clock"); }
            }

            public long MonotonicMilliseconds
            {
                get { return 0; }
            }
        }
    }
}
