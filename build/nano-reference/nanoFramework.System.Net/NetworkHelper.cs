// Package: nanoFramework.System.Net 1.11.60 (assembly System.Net)
// Reference API only: signatures as in nanoframework/System.Net at tag v1.11.54, the newest source read
// (nanoFramework.System.Net/NetworkHelper/*.cs), bodies throw null. Only the members this repository uses; enums
// whole. README.md beside.

using System.Threading;

namespace nanoFramework.Networking
{
    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw null; } }
        public static bool SetupAndConnectNetwork(CancellationToken token = default, bool requiresDateTime = false) { throw null; }
        public static bool SetupAndConnectNetwork(IPConfiguration ipConfiguration, CancellationToken token = default, bool requiresDateTime = false) { throw null; }
    }

    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null) { }
        public string IPAddress { get { throw null; } set { throw null; } }
        public string IPSubnetMask { get { throw null; } set { throw null; } }
        public string IPGatewayAddress { get { throw null; } set { throw null; } }
        public string[] IPDns { get { throw null; } set { throw null; } }
    }

    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting
    }
}
