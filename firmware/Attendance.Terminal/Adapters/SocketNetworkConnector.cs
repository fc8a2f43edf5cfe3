using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// Opens TCP connections with lwIP sockets and protects them with the firmware's mbedTLS (SslStream),
    /// TLS 1.2, validating the server certificate against the host name. The trusted CA is either a PEM file from
    /// the configuration (<c>tls.ca-file</c>) or, when none is given, the CA store deployed to the device with
    /// <c>nanoff --networkdeployment</c> (CACertificatesPath).
    /// nanoFramework's Socket.Connect has no timeout of its own (a connect to a host that drops SYNs waits for
    /// lwIP's retries, and one whose peer accepts but stalls the handshake can wait forever): a
    /// <see cref="ConnectDeadline"/> closes the socket when the timeout passes, which ends the blocked Connect or
    /// TLS handshake with an exception. The same timeout then bounds every send and receive.
    /// </summary>
    public sealed class SocketNetworkConnector : INetworkConnector
    {
        private readonly X509Certificate _certificateAuthority;
        private readonly AddressCache _addresses = new AddressCache();

        /// <param name="certificateAuthority">CA to trust, or null for the device's certificate store.</param>
        public SocketNetworkConnector(X509Certificate certificateAuthority)
        {
            _certificateAuthority = certificateAuthority;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            // Name resolution is bounded by nf-interpreter itself (getaddrinfo waits at most 30 s), not by
            // timeoutMilliseconds: the address cache keeps it off the door's bounded professor check.
            IPAddress address = _addresses.Resolve(host);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var deadline = new ConnectDeadline(socket, timeoutMilliseconds);
            INetworkConnection connection = null;
            try
            {
                socket.SendTimeout = timeoutMilliseconds;
                socket.ReceiveTimeout = timeoutMilliseconds;
                try
                {
                    socket.Connect(new IPEndPoint(address, port));
                }
                catch (Exception exception)
                {
                    // SocketException for a refusal or an unreachable host; ObjectDisposedException or
                    // SocketException when the deadline closed the socket.
                    socket.Close();
                    throw Failed(deadline, host, port, timeoutMilliseconds, exception);
                }

                var plain = new SocketNetworkConnection(socket, null);
                connection = security == ConnectionSecurity.Tls ? Secure(plain, host, deadline, timeoutMilliseconds) : plain;
            }
            finally
            {
                deadline.Disarm();
            }

            if (deadline.Expired)
            {
                // The deadline passed just as the connect or handshake completed: the socket is closed.
                connection.Dispose();
                throw new NetworkException(NetworkFailure.Timeout, "no connection to " + host + ":" + port.ToString()
                    + " within " + timeoutMilliseconds.ToString() + " ms");
            }

            return connection;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            var connection = plainConnection as SocketNetworkConnection;
            if (connection == null)
            {
                throw new ArgumentException("not a connection opened by this connector");
            }

            // STARTTLS (RFC 3207): the handshake gets its own deadline, the connection's read timeout.
            return Secure(connection, host, null, connection.ReadTimeoutMilliseconds);
        }

        private static NetworkException Failed(ConnectDeadline deadline, string host, int port, int timeoutMilliseconds, Exception exception)
        {
            if (deadline.Expired)
            {
                return new NetworkException(NetworkFailure.Timeout, "no connection to " + host + ":" + port.ToString()
                    + " within " + timeoutMilliseconds.ToString() + " ms", exception);
            }

            var socketError = exception as SocketException;
            return new NetworkException(NetworkFailure.Unreachable, "cannot connect to " + host + ":" + port.ToString()
                + (socketError != null ? ", socket error " + socketError.ErrorCode.ToString() : ": " + exception.Message), exception);
        }

        /// <param name="deadline">The connect's deadline when the handshake follows a connect (it covers both), else null
        /// for a deadline of <paramref name="timeoutMilliseconds"/> over the handshake alone.</param>
        private INetworkConnection Secure(SocketNetworkConnection plain, string host, ConnectDeadline deadline, int timeoutMilliseconds)
        {
            Socket socket = plain.DetachSocket();
            bool ownDeadline = deadline == null;
            if (ownDeadline)
            {
                deadline = new ConnectDeadline(socket, timeoutMilliseconds);
            }

            var tls = new SslStream(socket);
            try
            {
                // CertificateRequired (the default) makes the handshake fail on an untrusted or mismatched certificate.
                tls.SslVerification = SslVerification.CertificateRequired;
                if (_certificateAuthority != null)
                {
                    tls.AuthenticateAsClient(host, null, _certificateAuthority, SslProtocols.Tls12);
                }
                else
                {
                    tls.AuthenticateAsClient(host, SslProtocols.Tls12);
                }
            }
            catch (SocketException exception)
            {
                // mbedTLS and lwIP report through the error code whether the handshake was cut by the network
                // (transient) or refused (certificate, name, protocol: permanent); see TlsHandshakeErrors.
                tls.Dispose();
                NetworkFailure failure = TlsHandshakeErrors.Classify(exception.ErrorCode);
                string what = failure == NetworkFailure.TlsFailed ? " was refused" : " was cut";
                throw new NetworkException(failure, "TLS handshake with " + host + what + ", error " + exception.ErrorCode.ToString(), exception);
            }
            catch (Exception exception)
            {
                tls.Dispose();
                if (deadline.Expired)
                {
                    throw new NetworkException(NetworkFailure.Timeout, "no TLS handshake with " + host + " within "
                        + timeoutMilliseconds.ToString() + " ms", exception);
                }

                throw new NetworkException(NetworkFailure.TlsFailed, "TLS handshake with " + host + " failed: " + exception.Message, exception);
            }
            finally
            {
                if (ownDeadline)
                {
                    deadline.Disarm();
                }
            }

            if (ownDeadline && deadline.Expired)
            {
                tls.Dispose();
                throw new NetworkException(NetworkFailure.Timeout, "no TLS handshake with " + host + " within " + timeoutMilliseconds.ToString() + " ms");
            }

            return new SocketNetworkConnection(socket, tls);
        }
    }
}
