using System;
using System.Net.NetworkInformation;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// The board's facts for the health report (docs/protocol.md, "Terminal health"), read on the network worker.
    /// Free memory is what <c>GC.Run(false)</c> returns: the free managed heap after a collection, the figure the
    /// heap budget was checked against at start-up. The Wi-Fi signal is reported unknown: nanoFramework gives an
    /// RSSI only in a scan's results (WifiAdapter.ScanAsync), and a scan every few minutes would drop or delay the
    /// terminal's own connection, which matters more than the number.
    /// </summary>
    public sealed class BoardHealthSource : IHealthSource
    {
        private readonly string _board;
        private readonly string _version;

        public BoardHealthSource(string board)
        {
            _board = board;
            _version = ReadVersion();
        }

        public string Board
        {
            get { return _board; }
        }

        public string FirmwareVersion
        {
            get { return _version; }
        }

        public long FreeMemoryBytes()
        {
            try
            {
                return nanoFramework.Runtime.Native.GC.Run(false);
            }
            catch (Exception)
            {
                return HealthSourceValues.Unknown;
            }
        }

        public string IpAddress()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    string address = interfaces[i].IPv4Address;
                    if (address != null && address.Length > 0 && address != "0.0.0.0")
                    {
                        return address;
                    }
                }
            }
            catch (Exception)
            {
                // No interface up yet: reported as unknown.
            }

            return string.Empty;
        }

        public int WifiSignalDbm()
        {
            return HealthSourceValues.Unknown;
        }

        private static string ReadVersion()
        {
            try
            {
                return typeof(BoardHealthSource).Assembly.GetName().Version.ToString();
            }
            catch (Exception)
            {
                return string.Empty;
            }
        }
    }
}
