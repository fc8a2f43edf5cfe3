using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Logging
{
    /// <summary>
    /// The terminal's log: every line at or above <see cref="MinimumLevel"/> is kept in a <see cref="LogRing"/>
    /// (for the terminal-health report) and passed on to a sink (the board's debug port, a PC's console).
    /// <para>
    /// Never throws: a sink that fails (a port gone, a console closed) loses that line, and the ring still has it.
    /// Logging happens in catch blocks and on both loops, and a log line must not become a new fault.
    /// </para>
    /// </summary>
    public sealed class RingEventLog : IEventLog
    {
        private readonly LogRing _ring;
        private readonly IEventLog _sink;
        private readonly IClock _clock;

        /// <param name="ring">Where the last lines are kept.</param>
        /// <param name="sink">Where every line also goes; null for the ring alone.</param>
        /// <param name="clock">Stamps the ring's lines; null stamps 0 (the board makes its log before its clock is set,
        /// so early lines carry the unset clock's date, which the report shows as such).</param>
        /// <param name="minimumLevel">Lines below it go nowhere: the board drops debug lines to save time.</param>
        public RingEventLog(LogRing ring, IEventLog sink, IClock clock, LogLevel minimumLevel)
        {
            if (ring == null)
            {
                throw new ArgumentNullException("ring");
            }

            _ring = ring;
            _sink = sink;
            _clock = clock;
            MinimumLevel = minimumLevel;
        }

        public LogRing Ring
        {
            get { return _ring; }
        }

        public LogLevel MinimumLevel { get; private set; }

        public void Write(LogLevel level, string source, string message)
        {
            if (level < MinimumLevel)
            {
                return;
            }

            _ring.Add(Now(), level, source, message);
            if (_sink == null)
            {
                return;
            }

            try
            {
                _sink.Write(level, source, message);
            }
            catch (Exception)
            {
                // The line is in the ring; there is nowhere else to report that the sink failed.
            }
        }

        private long Now()
        {
            if (_clock == null)
            {
                return 0;
            }

            try
            {
                return _clock.UtcNow.Ticks;
            }
            catch (Exception)
            {
                return 0;
            }
        }
    }
}
