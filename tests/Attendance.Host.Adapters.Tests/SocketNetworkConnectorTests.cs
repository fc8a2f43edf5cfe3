using System.Net;
using System.Net.Sockets;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters.Tests;

[TestClass]
public class SocketNetworkConnectorTests
{
    private static readonly SocketNetworkConnector Trusting = new() { CertificateValidation = LoopbackServer.TrustTestCertificate };

    [TestMethod]
    [DataRow("plain", ConnectionSecurity.Plain, false)]
    [DataRow("tls", ConnectionSecurity.Tls, true)]
    public void Lines_round_trip_over_plain_and_TLS(string mode, ConnectionSecurity security, bool secure)
    {
        using var server = AsyncServer(mode, out var port);
        using var connection = Trusting.Connect("localhost", port, security, 5000);

        Assert.AreEqual(secure, connection.IsSecure);
        Assert.AreEqual("ÇÃO OK", Exchange(connection, "ção ok"));
    }

    [TestMethod]
    public void StartTls_upgrades_a_plain_connection()
    {
        using var server = AsyncServer("starttls", out var port);
        var plain = Trusting.Connect("localhost", port, ConnectionSecurity.Plain, 5000);
        Assert.AreEqual("GO", Exchange(plain, "STARTTLS"));

        using var secure = Trusting.StartTls(plain, "localhost");

        Assert.IsTrue(secure.IsSecure);
        Assert.AreEqual("AFTER", Exchange(secure, "after"));
    }

    [TestMethod]
    public void An_untrusted_certificate_fails_as_TlsFailed()
    {
        using var server = AsyncServer("tls", out var port);
        var exception = Assert.Throws<NetworkException>(() => new SocketNetworkConnector().Connect("localhost", port, ConnectionSecurity.Tls, 5000));

        Assert.AreEqual(NetworkFailure.TlsFailed, exception.Failure);
    }

    [TestMethod]
    public void A_closed_port_is_Unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var exception = Assert.Throws<NetworkException>(() => new SocketNetworkConnector().Connect("127.0.0.1", port, ConnectionSecurity.Plain, 5000));

        Assert.AreEqual(NetworkFailure.Unreachable, exception.Failure);
    }

    [TestMethod]
    public void A_silent_peer_is_a_Timeout()
    {
        using var server = AsyncServer("plain", out var port);
        using var connection = new SocketNetworkConnector().Connect("127.0.0.1", port, ConnectionSecurity.Plain, 5000);
        connection.ReadTimeoutMilliseconds = 200;
        var request = Encoding.UTF8.GetBytes("WAIT\r\n");
        connection.Write(request, 0, request.Length);

        var exception = Assert.Throws<NetworkException>(() => connection.Read(new byte[16], 0, 16));

        Assert.AreEqual(NetworkFailure.Timeout, exception.Failure);
    }

    private static string Exchange(INetworkConnection connection, string line)
    {
        var request = Encoding.UTF8.GetBytes(line + "\r\n");
        connection.Write(request, 0, request.Length);
        var answer = new MemoryStream();
        var buffer = new byte[1];
        while (true)
        {
            var read = connection.Read(buffer, 0, 1);
            Assert.AreNotEqual(0, read, "closed early");
            if (buffer[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString(answer.ToArray()).TrimEnd('\r');
            }

            answer.WriteByte(buffer[0]);
        }
    }

    private static ServerHandle AsyncServer(string mode, out int port)
    {
        var server = new LoopbackServer(mode);
        port = server.Port;
        return new ServerHandle(server);
    }

    private sealed class ServerHandle(LoopbackServer server) : IDisposable
    {
        public void Dispose() => server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
    }
}
