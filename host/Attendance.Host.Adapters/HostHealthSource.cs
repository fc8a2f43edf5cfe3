using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// The PC's facts for the health report (docs/protocol.md, "Terminal health"): the process's free managed memory
/// (what the GC could still hand out before its limit, the PC's equivalent of the board's free heap), the first
/// IPv4 address of an interface that is up, and no Wi-Fi signal (a PC terminal reports none; the board on Wi-Fi
/// neither, see the board's BoardHealthSource).
/// </summary>
public sealed class HostHealthSource(string board = "pc") : IHealthSource
{
    public string Board { get; } = board;

    public string FirmwareVersion { get; } = (Assembly.GetEntryAssembly() ?? typeof(HostHealthSource).Assembly).GetName().Version?.ToString() ?? "";

    public long FreeMemoryBytes()
    {
        var info = GC.GetGCMemoryInfo();
        return Math.Max(0, info.TotalAvailableMemoryBytes - GC.GetTotalMemory(false));
    }

    public string IpAddress()
    {
        try
        {
            foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (network.OperationalStatus != OperationalStatus.Up || network.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var address in network.GetIPProperties().UnicastAddresses)
                {
                    if (address.Address.AddressFamily == AddressFamily.InterNetwork)
                    {
                        return address.Address.ToString();
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // The platform would not list its interfaces: reported as unknown.
        }

        return "";
    }

    public int WifiSignalDbm() => HealthSourceValues.Unknown;
}
