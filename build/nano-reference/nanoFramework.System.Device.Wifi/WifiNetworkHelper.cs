// Package: nanoFramework.System.Device.Wifi 1.5.149 (assembly System.Device.Wifi)
// Reference API only: signatures as in nanoframework/System.Device.Wifi at tag v1.5.147, the newest source read
// (System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, WifiReconnectionKind.cs), bodies throw null. Only the
// members this repository uses; enums whole. README.md beside.

using System.Device.Wifi;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw null; } }

        public static bool ConnectDhcp(
            string ssid,
            string password,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default) { throw null; }

        public static bool ConnectFixAddress(
            string ssid,
            string password,
            IPConfiguration ipConfiguration,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int WifiAdapter = 0,
            CancellationToken token = default) { throw null; }
    }
}

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual
    }
}
