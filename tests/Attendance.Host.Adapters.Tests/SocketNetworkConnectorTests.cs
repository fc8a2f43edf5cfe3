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
    [DataRow("close", NetworkFailure.ConnectionLost)]
    [DataRow("read-then-close", NetworkFailure.ConnectionLost)]
    [DataRow("read-then-reset", NetworkFailure.ConnectionLost)]
    [DataRow("stall", NetworkFailure.Timeout)]
    [DataRow("plain-greeting", NetworkFailure.TlsFailed)]
    public void A_handshake_cut_by_the_network_is_transient_and_a_non_TLS_peer_is_not(string peer, NetworkFailure expected)
    {
        using var listener = new RawPeer(peer);
        var connector = new SocketNetworkConnector { CertificateValidation = LoopbackServer.TrustTestCertificate, HandshakeTimeoutMilliseconds = 500 };
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Implicit TLS: the connect's deadline (1.5 s) covers the handshake too.
        var exception = Assert.Throws<NetworkException>(() => connector.Connect("localhost", listener.Port, ConnectionSecurity.Tls, 1500));

        Assert.AreEqual(expected, exception.Failure, exception.Message);
        Assert.IsTrue(started.ElapsedMilliseconds < 4000, "bounded by the connect deadline, took " + started.ElapsedMilliseconds + " ms");
    }

    [TestMethod]
    public void A_certificate_for_another_name_fails_as_TlsFailed()
    {
        using var server = AsyncServer("tls", out var port);
        // Trusts the test certificate's issuer but still checks the name: it names localhost, not 127.0.0.1.
        var connector = new SocketNetworkConnector
        {
            CertificateValidation = (_, certificate, _, errors) =>
                LoopbackServer.TrustTestCertificate(null!, certificate, null, errors)
                && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == System.Net.Security.SslPolicyErrors.None,
        };

        var exception = Assert.Throws<NetworkException>(() => connector.Connect("127.0.0.1", port, ConnectionSecurity.Tls, 5000));

        Assert.AreEqual(NetworkFailure.TlsFailed, exception.Failure, exception.Message);
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

    /// <summary>
    /// A one-connection TCP peer that misbehaves during the TLS handshake: closes at once, reads the ClientHello
    /// then closes, resets (RST, linger 0), stalls without a word, or greets in plain text like a non-TLS server.
    /// </summary>
    private sealed class RawPeer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;
        private readonly CancellationTokenSource _stop = new();

        public RawPeer(string behaviour)
        {
            _listener.Start();
            _serving = Task.Run(() => ServeAsync(behaviour));
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _serving.Wait(TimeSpan.FromSeconds(10));
        }

        private async Task ServeAsync(string behaviour)
        {
            try
            {
                using var client = await _listener.AcceptSocketAsync(_stop.Token);
                var buffer = new byte[4096];
                if (behaviour.StartsWith("read-then-", StringComparison.Ordinal))
                {
                    await client.ReceiveAsync(buffer, _stop.Token);
                }

                if (behaviour.EndsWith("reset", StringComparison.Ordinal))
                {
                    client.LingerState = new LingerOption(true, 0);
                }
                else if (behaviour == "stall")
                {
                    await Task.Delay(30_000, _stop.Token);
                }
                else if (behaviour == "plain-greeting")
                {
                    await client.SendAsync(Encoding.ASCII.GetBytes("220 mail.example ESMTP ready\r\n"));
                    await client.ReceiveAsync(buffer, _stop.Token);
                }

                client.Close();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private sealed class ServerHandle(LoopbackServer server) : IDisposable
    {
        public void Dispose() => server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
    }
}
