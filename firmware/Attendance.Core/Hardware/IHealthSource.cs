namespace Attendance.Core.Hardware
{
    /// <summary>
    /// What only the platform knows for the health report: the board adapters read nanoFramework's APIs
    /// (GC.Run(false), the network interface, the Wi-Fi adapter), the PC adapters their .NET equivalents. Called on
    /// the network worker's thread; each member must return quickly and never throw (a value it cannot read is
    /// empty or <see cref="HealthSourceValues.Unknown"/>).
    /// </summary>
    public interface IHealthSource
    {
        /// <summary>The board profile's name (terminal.config's <c>board</c>, e.g. esp32-poe-ethernet, or pc).</summary>
        string Board { get; }

        /// <summary>The application's version (its assembly version).</summary>
        string FirmwareVersion { get; }

        /// <summary>Free managed heap in bytes (after a collection on the board); <see cref="HealthSourceValues.Unknown"/> when unknown.</summary>
        long FreeMemoryBytes();

        /// <summary>The IPv4 (or IPv6) address the terminal uses, empty when unknown.</summary>
        string IpAddress();

        /// <summary>Wi-Fi signal in dBm (negative), or <see cref="HealthSourceValues.Unknown"/> when not on Wi-Fi or not known.</summary>
        int WifiSignalDbm();
    }
}

namespace Attendance.Core.Hardware
{
    /// <summary>Values of <see cref="IHealthSource"/>.</summary>
    public static class HealthSourceValues
    {
        /// <summary>A number the platform could not read (free memory, Wi-Fi signal).</summary>
        public const int Unknown = -1;
    }
}
