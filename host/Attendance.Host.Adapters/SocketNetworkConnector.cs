using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// <see cref="INetworkConnector"/> over .NET sockets and <see cref="SslStream"/>: plain TCP, implicit TLS, and
/// STARTTLS upgrades (RFC 3207 section 4). Every failure comes out as a <see cref="NetworkException"/>.
/// </summary>
public sealed class SocketNetworkConnector : INetworkConnector
{
    /// <summary>
    /// Certificate check for TLS; null means the system's validation against the host name (the default and
    /// what production uses). Tests and private CAs pass their own.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Longest wait for a TLS handshake.</summary>
    public int HandshakeTimeoutMilliseconds { get; init; } = 15_000;

    public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(timeoutMilliseconds);
            socket.ConnectAsync(host, port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ArgumentException)
        {
            socket.Dispose();
            var reason = exception is OperationCanceledException ? "no answer within " + timeoutMilliseconds + " ms" : exception.Message;
            throw new NetworkException(NetworkFailure.Unreachable, "Could not connect to " + host + ":" + port + ": " + reason, exception);
        }

        var connection = new SocketNetworkConnection(socket, new NetworkStream(socket, ownsSocket: true), isSecure: false);
        return security == ConnectionSecurity.Tls ? Secure(connection, host) : connection;
    }

    public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
    {
        if (plainConnection is not SocketNetworkConnection plain || plain.IsSecure)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "STARTTLS needs a plain connection opened by this connector.");
        }

        return Secure(plain, host);
    }

    private SocketNetworkConnection Secure(SocketNetworkConnection plain, string host)
    {
        var transport = new HandshakeTransportStream(plain.Stream);
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(HandshakeTimeoutMilliseconds);
            tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = CertificateValidation,
                EnabledSslProtocols = SslProtocols.None, // the system's choice: TLS 1.2 and 1.3 today
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            tls.Dispose();
            throw HandshakeFailure(host, exception, transport);
        }

        return new SocketNetworkConnection(plain.Socket, tls, isSecure: true);
    }

    /// <summary>
    /// A handshake cut by the network (no answer in time, the peer closed or reset) is transient, like any
    /// broken connection: the next attempt may well succeed. Only a handshake the peer completed far enough to
    /// refuse (certificate not trusted or not naming the host, no common protocol, a peer that does not speak
    /// TLS) is <see cref="NetworkFailure.TlsFailed"/>, which callers treat as permanent until the configuration
    /// changes.
    /// </summary>
    private NetworkException HandshakeFailure(string host, Exception exception, HandshakeTransportStream transport)
    {
        if (exception is OperationCanceledException)
        {
            return new NetworkException(NetworkFailure.Timeout, "TLS handshake with " + host + " got no answer within " + HandshakeTimeoutMilliseconds + " ms.", exception);
        }

        if (exception is not AuthenticationException && transport.TransportFailed)
        {
            return new NetworkException(NetworkFailure.ConnectionLost, "TLS handshake with " + host + " was cut: " + transport.TransportFailure, exception);
        }

        return new NetworkException(NetworkFailure.TlsFailed, "TLS with " + host + " failed: " + exception.Message, exception);
    }
}
