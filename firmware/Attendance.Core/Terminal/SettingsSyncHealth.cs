using Attendance.Core.Health;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// What the heartbeat reports of the clock and the server's settings, and its "reload settings" request, taken
    /// from the terminal's <see cref="SettingsSync"/> (docs/protocol.md, "Terminal health" and "Time and settings
    /// from the server"). Reads copy SettingsSync's values, which it keeps under its own locks.
    /// </summary>
    public class SettingsSyncHealth : IClockSettingsStatus, ISettingsReloader
    {
        private readonly SettingsSync sync;

        public SettingsSyncHealth(SettingsSync sync)
        {
            this.sync = sync;
        }

        public string ClockSource
        {
            get { return ClockStatus.SourceName(sync.Clock.Source); }
        }

        public bool ClockSkewKnown
        {
            get { return sync.Clock.SkewKnown; }
        }

        /// <summary>Server time minus the terminal's, rounded to the nearest second (the report's unit).</summary>
        public int ClockSkewSeconds
        {
            get
            {
                long milliseconds = sync.Clock.SkewMilliseconds;
                return (int)((milliseconds >= 0 ? milliseconds + 500 : milliseconds - 500) / 1000);
            }
        }

        public string SettingsRejectedReason
        {
            get
            {
                string reason = sync.Status.RejectionReason;
                return reason == null ? "" : reason;
            }
        }

        /// <summary>The next settings pass fetches the set whatever its version (on the board: restart to apply it).</summary>
        public bool RequestReload()
        {
            sync.RequestReload();
            return true;
        }
    }
}
