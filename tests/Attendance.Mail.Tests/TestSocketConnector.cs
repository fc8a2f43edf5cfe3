using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Attendance.Core.Hardware;

namespace Attendance.Mail.Tests;

/// <summary>
/// A minimal host connector over sockets and SslStream, for these tests only. TLS trusts exactly the test's
/// self-signed certificate (pinned by thumbprint); the production connector validates normally.
/// </summary>
public sealed class TestSocketConnector(string? trustedThumbprint) : INetworkConnector
{
    public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
    {
        var client = new TcpClient();
        try
        {
            if (!client.ConnectAsync(host, port).Wait(timeoutMilliseconds))
            {
                throw new NetworkException(NetworkFailure.Unreachable, "connect timed out");
            }
        }
        catch (AggregateException exception)
        {
            client.Dispose();
            throw new NetworkException(NetworkFailure.Unreachable, exception.InnerException?.Message ?? "connect failed", exception);
        }

        var connection = new SocketConnection(client, client.GetStream(), false);
        return security == ConnectionSecurity.Tls ? StartTls(connection, host) : connection;
    }

    public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
    {
        var plain = (SocketConnection)plainConnection;
        var ssl = new SslStream(plain.Stream, false, Validate);
        try
        {
            ssl.AuthenticateAsClient(host);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, exception.Message, exception);
        }

        return new SocketConnection(plain.Client, ssl, true);
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate != null && trustedThumbprint != null
        && string.Equals(certificate.GetCertHashString(), trustedThumbprint, StringComparison.OrdinalIgnoreCase);

    private sealed class SocketConnection(TcpClient client, Stream stream, bool secure) : INetworkConnection
    {
        public TcpClient Client { get; } = client;

        public Stream Stream { get; } = stream;

        public bool IsSecure { get; } = secure;

        public int ReadTimeoutMilliseconds
        {
            get => Client.ReceiveTimeout;
            set => Client.ReceiveTimeout = value;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Stream.Read(buffer, offset, count);
            }
            catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                throw new NetworkException(NetworkFailure.Timeout, exception.Message, exception);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                throw new NetworkException(NetworkFailure.ConnectionLost, exception.Message, exception);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                Stream.Write(buffer, offset, count);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                throw new NetworkException(NetworkFailure.ConnectionLost, exception.Message, exception);
            }
        }

        public void Dispose()
        {
            Stream.Dispose();
            Client.Dispose();
        }
    }
}
