using System.Threading;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Terminal.Boards;
using nanoFramework.Networking;
#if BOARD_ESP32
using System.Device.Wifi;
#endif

namespace Attendance.Terminal.Startup
{
    /// <summary>
    /// Brings the network interface up once, with DHCP or the static address from the settings. Later losses are
    /// handled below the application: Wi-Fi reconnects by itself (WifiReconnectionKind.Automatic), Ethernet
    /// recovers with the cable, DHCP renews its lease; Core sees a NetworkException meanwhile, keeps the roll and
    /// the outbox, and tries again, so no reboot is needed.
    /// </summary>
    public static class NetworkStartup
    {
        /// <summary>Tries for up to <paramref name="timeoutMilliseconds"/>; returns false to let the caller retry.</summary>
        public static bool TryConnect(TerminalSettings settings, BoardProfile board, int timeoutMilliseconds, IEventLog log)
        {
            using (var cancel = new CancellationTokenSource(timeoutMilliseconds))
            {
                return TryConnect(settings, board, cancel.Token, log);
            }
        }

        private static bool TryConnect(TerminalSettings settings, BoardProfile board, CancellationToken token, IEventLog log)
        {
            IPConfiguration address = null;
            if (settings.NetworkMode == NetworkMode.Static)
            {
                address = new IPConfiguration(settings.NetworkAddress, settings.NetworkMask, settings.NetworkGateway, settings.NetworkDns);
            }

            bool connected;
#if BOARD_ESP32
            if (board.UsesWifi)
            {
                connected = address == null
                    ? WifiNetworkHelper.ConnectDhcp(settings.WifiSsid, settings.WifiKey, WifiReconnectionKind.Automatic, false, 0, token)
                    : WifiNetworkHelper.ConnectFixAddress(settings.WifiSsid, settings.WifiKey, address, WifiReconnectionKind.Automatic, false, 0, token);
                if (!connected)
                {
                    log.Write(LogLevel.Warning, "network", "Wi-Fi '" + settings.WifiSsid + "' not ready: " + WifiNetworkHelper.Status.ToString());
                }

                return connected;
            }
#endif
            connected = NetworkHelper.SetupAndConnectNetwork(address, token, false);
            if (!connected)
            {
                log.Write(LogLevel.Warning, "network", "Ethernet not ready: " + NetworkHelper.Status.ToString());
            }

            return connected;
        }
    }
}
