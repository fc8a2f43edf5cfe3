// Package: nanoFramework.System.Net 1.11.60 (assembly System.Net)
// Reference API only: signatures as in nanoframework/System.Net at tag v1.11.54, the newest source read
// (nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs, NetworkInterfaceType.cs), bodies throw null. Only
// the members this repository uses; enums whole. README.md beside.

namespace System.Net.NetworkInformation
{
    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { }
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }
        public string IPv4Address { get { throw null; } }
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
    }

    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }
}
