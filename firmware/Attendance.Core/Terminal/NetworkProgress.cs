using Attendance.Core.Hardware;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// When the network worker last made progress, for the watchdog: a pass starting, and every connect, read
    /// and write that returns (through <see cref="ProgressConnector"/>). Each of those waits is bounded by its
    /// own timeout, so a worker silent for longer than the longest of them is stuck, while a slow but moving
    /// server (one reply every few minutes) is not. Locked: written by the worker, read by the door loop.
    /// </summary>
    public class NetworkProgress
    {
        private readonly object gate = new object();
        private readonly IClock clock;
        private bool busy;
        private long lastProgress;

        public NetworkProgress(IClock clock)
        {
            this.clock = clock;
        }

        public void PassStarted(long monotonicMilliseconds)
        {
            lock (gate)
            {
                busy = true;
                lastProgress = monotonicMilliseconds;
            }
        }

        public void PassEnded()
        {
            lock (gate)
            {
                busy = false;
            }
        }

        /// <summary>A network call of the worker returned (with data or with an exception).</summary>
        public void Moved()
        {
            long now = clock.MonotonicMilliseconds;
            lock (gate)
            {
                lastProgress = now;
            }
        }

        /// <summary>Milliseconds since the worker last made progress inside a pass; 0 while it is idle.</summary>
        public long SilenceMilliseconds()
        {
            long now = clock.MonotonicMilliseconds;
            lock (gate)
            {
                return busy ? now - lastProgress : 0;
            }
        }
    }
}
