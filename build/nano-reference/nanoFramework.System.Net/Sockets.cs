// Package: nanoFramework.System.Net 1.11.60 (assembly System.Net)
// Reference API only: signatures as in nanoframework/System.Net at tag v1.11.54, the newest source read
// (nanoFramework.System.Net/Sockets/*.cs, SocketException.cs), bodies throw null. Only the members this repository
// uses and what the types it uses require; enums whole. README.md beside.

namespace System.Net.Sockets
{
    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { }
        public int ReceiveTimeout { get { throw null; } set { throw null; } }
        public int SendTimeout { get { throw null; } set { throw null; } }
        public void Connect(EndPoint remoteEP) { throw null; }
        public void Close() { throw null; }
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
        void IDisposable.Dispose() { throw null; }
    }

    [Serializable]
    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { }
        public int ErrorCode { get { throw null; } }
    }

    public class NetworkStream : System.IO.Stream
    {
        public NetworkStream(Socket socket) { }
        public NetworkStream(Socket socket, bool ownsSocket) { }
        public override bool CanRead { get { throw null; } }
        public override bool CanSeek { get { throw null; } }
        public override bool CanTimeout { get { throw null; } }
        public override bool CanWrite { get { throw null; } }
        public override int ReadTimeout { get { throw null; } set { throw null; } }
        public override int WriteTimeout { get { throw null; } set { throw null; } }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { throw null; } }
        public virtual bool DataAvailable { get { throw null; } }
        protected override void Dispose(bool disposing) { throw null; }
        public override void Flush() { throw null; }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override long Seek(long offset, System.IO.SeekOrigin origin) { throw null; }
        public override void SetLength(long value) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { throw null; }
        public override int Read(SpanByte buffer) { throw null; }
    }

    public enum SocketError : int
    {
        Success = 0,
        SocketError = (-1),
        Interrupted = (10000 + 4),
        AccessDenied = (10000 + 13),
        Fault = (10000 + 14),
        InvalidArgument = (10000 + 22),
        TooManyOpenSockets = (10000 + 24),
        WouldBlock = (10000 + 35),
        InProgress = (10000 + 36),
        AlreadyInProgress = (10000 + 37),
        NotSocket = (10000 + 38),
        DestinationAddressRequired = (10000 + 39),
        MessageSize = (10000 + 40),
        ProtocolType = (10000 + 41),
        ProtocolOption = (10000 + 42),
        ProtocolNotSupported = (10000 + 43),
        SocketNotSupported = (10000 + 44),
        OperationNotSupported = (10000 + 45),
        ProtocolFamilyNotSupported = (10000 + 46),
        AddressFamilyNotSupported = (10000 + 47),
        AddressAlreadyInUse = (10000 + 48),
        AddressNotAvailable = (10000 + 49),
        NetworkDown = (10000 + 50),
        NetworkUnreachable = (10000 + 51),
        NetworkReset = (10000 + 52),
        ConnectionAborted = (10000 + 53),
        ConnectionReset = (10000 + 54),
        NoBufferSpaceAvailable = (10000 + 55),
        IsConnected = (10000 + 56),
        NotConnected = (10000 + 57),
        Shutdown = (10000 + 58),
        TimedOut = (10000 + 60),
        ConnectionRefused = (10000 + 61),
        HostDown = (10000 + 64),
        HostUnreachable = (10000 + 65),
        ProcessLimit = (10000 + 67),
        SystemNotReady = (10000 + 91),
        VersionNotSupported = (10000 + 92),
        NotInitialized = (10000 + 93),
        Disconnecting = (10000 + 101),
        TypeNotFound = (10000 + 109),
        HostNotFound = (10000 + 1001),
        TryAgain = (10000 + 1002),
        NoRecovery = (10000 + 1003),
        NoData = (10000 + 1004),
    }

    [Flags]
    public enum SocketFlags
    {
        None = 0x0000,
        OutOfBand = 0x0001,
        Peek = 0x0002,
        DontRoute = 0x0004,
        MaxIOVectorLength = 0x0010,
        Truncated = 0x0100,
        ControlDataTruncated = 0x0200,
        Broadcast = 0x0400,
        Multicast = 0x0800,
        Partial = 0x8000,
    }

    public enum AddressFamily
    {
        Unknown = -1,
        Unspecified = 0,
        Unix = 1,
        InterNetwork = 2,
        ImpLink = 3,
        Pup = 4,
        Chaos = 5,
        NS = 6,
        Ipx = NS,
        Iso = 7,
        Osi = Iso,
        Ecma = 8,
        DataKit = 9,
        Ccitt = 10,
        Sna = 11,
        DecNet = 12,
        DataLink = 13,
        Lat = 14,
        HyperChannel = 15,
        AppleTalk = 16,
        NetBios = 17,
        VoiceView = 18,
        FireFox = 19,
        Banyan = 21,
        Atm = 22,
        InterNetworkV6 = 23,
        Cluster = 24,
        Ieee12844 = 25,
        Irda = 26,
        NetworkDesigners = 28,
        Max = 29,
    };

    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Raw = 3,
        Rdm = 4,
        Seqpacket = 5,
        Unknown = -1,
    }

    public enum ProtocolType
    {
        IP = 0,
        IPv6HopByHopOptions = 0,
        Icmp = 1,
        Igmp = 2,
        Ggp = 3,
        IPv4 = 4,
        Tcp = 6,
        Pup = 12,
        Udp = 17,
        Idp = 22,
        IPv6 = 41,
        IPv6RoutingHeader = 43,
        IPv6FragmentHeader = 44,
        IPSecEncapsulatingSecurityPayload = 50,
        IPSecAuthenticationHeader = 51,
        IcmpV6 = 58,
        IPv6NoNextHeader = 59,
        IPv6DestinationOptions = 60,
        ND = 77,
        Raw = 255,
        Unspecified = 0,
        Ipx = 1000,
        Spx = 1256,
        SpxII = 1257,
        Unknown = -1,
    }
}
