namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The clock as the last talk with the lookup server found it, for the log and the health report: where the
    /// clock came from, and how far it was from the server's authenticated time. Written by
    /// <see cref="SettingsSync"/> on the network worker, read by any thread (values are copied under a lock).
    /// </summary>
    public class ClockStatus
    {
        /// <summary>
        /// A skew beyond this many milliseconds (plus the measurement's uncertainty) is logged and reported: the
        /// e-mail shows times to the minute and lateness counts in minutes, so a minute is what people would notice.
        /// </summary>
        public const int SkewBoundMilliseconds = 60000;

        private readonly object gate = new object();
        private ClockSource source = ClockSource.Unset;
        private bool skewKnown;
        private long skewMilliseconds;
        private long uncertaintyMilliseconds;
        private bool skewExceeded;

        public ClockSource Source
        {
            get { lock (gate) { return source; } }
        }

        /// <summary>True once a server time was compared with a set clock.</summary>
        public bool SkewKnown
        {
            get { lock (gate) { return skewKnown; } }
        }

        /// <summary>Server time minus the terminal's clock at the last comparison, in milliseconds (positive: the terminal is behind).</summary>
        public long SkewMilliseconds
        {
            get { lock (gate) { return skewMilliseconds; } }
        }

        /// <summary>Half the round trip of that comparison: the skew is known to within this many milliseconds.</summary>
        public long UncertaintyMilliseconds
        {
            get { lock (gate) { return uncertaintyMilliseconds; } }
        }

        /// <summary>True when the last skew was beyond <see cref="SkewBoundMilliseconds"/> plus its uncertainty.</summary>
        public bool SkewExceeded
        {
            get { lock (gate) { return skewExceeded; } }
        }

        /// <summary>One line for logs and the health report, e.g. "clock sntp, skew +1200 ms (+/- 40 ms)".</summary>
        public string Describe()
        {
            lock (gate)
            {
                string text = "clock " + SourceName(source);
                if (skewKnown)
                {
                    text += ", skew " + (skewMilliseconds >= 0 ? "+" : "") + skewMilliseconds.ToString() + " ms (+/- "
                        + uncertaintyMilliseconds.ToString() + " ms)" + (skewExceeded ? ", beyond the bound" : "");
                }

                return text;
            }
        }

        public static string SourceName(ClockSource value)
        {
            switch (value)
            {
                case ClockSource.Sntp: return "sntp";
                case ClockSource.Server: return "server";
                default: return "unset";
            }
        }

        internal void SetSource(ClockSource value)
        {
            lock (gate)
            {
                source = value;
            }
        }

        internal void SetSkew(long skew, long uncertainty, bool exceeded)
        {
            lock (gate)
            {
                skewKnown = true;
                skewMilliseconds = skew;
                uncertaintyMilliseconds = uncertainty;
                skewExceeded = exceeded;
            }
        }
    }
}
