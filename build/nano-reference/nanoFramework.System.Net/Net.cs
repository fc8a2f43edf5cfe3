// Package: nanoFramework.System.Net 1.11.60 (assembly System.Net)
// Reference API only: signatures as in nanoframework/System.Net at tag v1.11.54, the newest source read
// (nanoFramework.System.Net/DNS.cs, EndPoint.cs, IPAddress.cs, IPEndPoint.cs, IPHostEntry.cs, SocketAddress.cs),
// bodies throw null. Only the members this repository uses and what the types it uses require. README.md beside.

namespace System.Net
{
    public static class Dns
    {
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) { throw null; }
    }

    public class IPHostEntry
    {
        public IPAddress[] AddressList { get { throw null; } }
    }

    public class IPAddress
    {
        public IPAddress(byte[] address) { }
        public override bool Equals(object other) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public abstract class EndPoint
    {
        public abstract SocketAddress Serialize();
        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port) { }
        public override SocketAddress Serialize() { throw null; }
        public override EndPoint Create(SocketAddress socketAddress) { throw null; }
    }

    public class SocketAddress
    {
        public SocketAddress(System.Net.Sockets.AddressFamily family, int size) { }
    }
}
