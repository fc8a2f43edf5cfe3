// Package: nanoFramework.System.Net 1.11.60 (assembly System.Net)
// Reference API only: signatures as in nanoframework/System.Net at tag v1.11.54, the newest source read
// (nanoFramework.System.Net/Security/SslStream.cs, NetworkSecurity.cs, X509Certificates/X509Certificate.cs), bodies
// throw null. Only the members this repository uses; enums whole. README.md beside.

using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace System.Net.Security
{
    public class SslStream : NetworkStream
    {
        public SslStream(Socket socket) : base(socket) { }
        public SslVerification SslVerification { get { throw null; } set { throw null; } }
        public void AuthenticateAsClient(string targetHost, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) { throw null; }
        public override long Length { get { throw null; } }
        public override bool DataAvailable { get { throw null; } }
        protected override void Dispose(bool disposing) { throw null; }
        public override int Read(byte[] buffer, int offset, int size) { throw null; }
        public override void Write(byte[] buffer, int offset, int size) { throw null; }
    }

    [Flags]
    public enum SslProtocols
    {
        None = 0x00,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls = 192,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls11 = 768,
        Tls12 = 3072,
        Tls13 = 12288,
    }

    public enum SslVerification
    {
        NoVerification = 1,
        VerifyPeer = 2,
        CertificateRequired = 4,
        VerifyClientOnce = 8,
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { }
        public X509Certificate(byte[] certificate) { }
        public X509Certificate(string certificate) { }
    }
}
