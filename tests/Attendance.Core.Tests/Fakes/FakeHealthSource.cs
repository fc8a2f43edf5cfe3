using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Board facts for the health report, as set by a test.</summary>
    public class FakeHealthSource : IHealthSource
    {
        public string BoardName = "esp32-poe-ethernet";
        public string Version = "1.4.0.0";
        public long FreeBytes = 81234;
        public string Address = "10.0.0.21";
        public int Signal = HealthSourceValues.Unknown;

        public string Board
        {
            get { return BoardName; }
        }

        public string FirmwareVersion
        {
            get { return Version; }
        }

        public long FreeMemoryBytes()
        {
            return FreeBytes;
        }

        public string IpAddress()
        {
            return Address;
        }

        public int WifiSignalDbm()
        {
            return Signal;
        }
    }
}
