namespace Attendance.Core.Health
{
    /// <summary>The clock and settings status when nothing reports one: source "unknown", no skew, nothing rejected.</summary>
    public sealed class UnknownClockSettingsStatus : IClockSettingsStatus
    {
        public const string UnknownSource = "unknown";

        public string ClockSource
        {
            get { return UnknownSource; }
        }

        public bool ClockSkewKnown
        {
            get { return false; }
        }

        public int ClockSkewSeconds
        {
            get { return 0; }
        }

        public string SettingsRejectedReason
        {
            get { return string.Empty; }
        }
    }
}
