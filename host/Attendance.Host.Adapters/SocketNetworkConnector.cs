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

    /// <summary>Longest wait for a TLS handshake after STARTTLS (implicit TLS shares the connect's deadline).</summary>
    public int HandshakeTimeoutMilliseconds { get; init; } = 15_000;

    /// <summary>
    /// Connects within <paramref name="timeoutMilliseconds"/>, name resolution and, for implicit TLS, the handshake
    /// included: one deadline for everything before the connection is usable, so a caller's bound (the door's
    /// professor check) holds even against a peer that accepts and never answers.
    /// </summary>
    public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(timeoutMilliseconds);
        try
        {
            socket.ConnectAsync(host, port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ArgumentException)
        {
            socket.Dispose();
            var reason = exception is OperationCanceledException ? "no answer within " + timeoutMilliseconds + " ms" : exception.Message;
            throw new NetworkException(NetworkFailure.Unreachable, "Could not connect to " + host + ":" + port + ": " + reason, exception);
        }

        var connection = new SocketNetworkConnection(socket, new NetworkStream(socket, ownsSocket: true), isSecure: false);
        return security == ConnectionSecurity.Tls ? Secure(connection, host, timeout.Token, timeoutMilliseconds) : connection;
    }

    public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
    {
        if (plainConnection is not SocketNetworkConnection plain || plain.IsSecure)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "STARTTLS needs a plain connection opened by this connector.");
        }

        using var timeout = new CancellationTokenSource(HandshakeTimeoutMilliseconds);
        return Secure(plain, host, timeout.Token, HandshakeTimeoutMilliseconds);
    }

    private SocketNetworkConnection Secure(SocketNetworkConnection plain, string host, CancellationToken deadline, int timeoutMilliseconds)
    {
        var transport = new HandshakeTransportStream(plain.Stream);
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = CertificateValidation,
                EnabledSslProtocols = SslProtocols.None, // the system's choice: TLS 1.2 and 1.3 today
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, deadline).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException exception)
        {
            // Only our deadline cancels it, never the peer: the server did not finish the handshake in time.
            tls.Dispose();
            throw new NetworkException(NetworkFailure.Timeout, "No TLS handshake with " + host + " within " + timeoutMilliseconds + " ms.", exception);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or SocketException)
        {
            tls.Dispose();
            throw HandshakeFailure(host, exception, transport);
        }

        return new SocketNetworkConnection(plain.Socket, tls, isSecure: true);
    }

    /// <summary>
    /// A handshake cut by the network (the peer closed or reset; no answer in time is the deadline's) is transient, like any
    /// broken connection: the next attempt may well succeed. Only a handshake the peer completed far enough to
    /// refuse (certificate not trusted or not naming the host, no common protocol, a peer that does not speak
    /// TLS) is <see cref="NetworkFailure.TlsFailed"/>, which callers treat as permanent until the configuration
    /// changes.
    /// </summary>
    private NetworkException HandshakeFailure(string host, Exception exception, HandshakeTransportStream transport)
    {
        if (exception is not AuthenticationException && transport.TransportFailed)
        {
            return new NetworkException(NetworkFailure.ConnectionLost, "TLS handshake with " + host + " was cut: " + transport.TransportFailure, exception);
        }

        return new NetworkException(NetworkFailure.TlsFailed, "TLS with " + host + " failed: " + exception.Message, exception);
    }
}
