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
    /// nanoFramework's Socket.Connect has no timeout of its own: a connect to a dead host ends when lwIP gives up
    /// (SYN retries, about 20 s); the timeout given here bounds every send and receive.
    /// </summary>
    public sealed class SocketNetworkConnector : INetworkConnector
    {
        private readonly X509Certificate _certificateAuthority;

        /// <param name="certificateAuthority">CA to trust, or null for the device's certificate store.</param>
        public SocketNetworkConnector(X509Certificate certificateAuthority)
        {
            _certificateAuthority = certificateAuthority;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            IPAddress address = Resolve(host);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.SendTimeout = timeoutMilliseconds;
                socket.ReceiveTimeout = timeoutMilliseconds;
                socket.Connect(new IPEndPoint(address, port));
            }
            catch (SocketException exception)
            {
                socket.Close();
                throw new NetworkException(NetworkFailure.Unreachable, "cannot connect to " + host + ":" + port.ToString()
                    + ", socket error " + exception.ErrorCode.ToString(), exception);
            }

            var connection = new SocketNetworkConnection(socket, null);
            return security == ConnectionSecurity.Tls ? Secure(connection, host) : connection;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            var connection = plainConnection as SocketNetworkConnection;
            if (connection == null)
            {
                throw new ArgumentException("not a connection opened by this connector");
            }

            return Secure(connection, host);
        }

        private INetworkConnection Secure(SocketNetworkConnection plain, string host)
        {
            Socket socket = plain.DetachSocket();
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
                throw new NetworkException(NetworkFailure.TlsFailed, "TLS handshake with " + host + " failed: " + exception.Message, exception);
            }

            return new SocketNetworkConnection(socket, tls);
        }

        private static IPAddress Resolve(string host)
        {
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                if (entry.AddressList.Length == 0)
                {
                    throw new NetworkException(NetworkFailure.Unreachable, "no address for " + host);
                }

                return entry.AddressList[0];
            }
            catch (SocketException exception)
            {
                throw new NetworkException(NetworkFailure.Unreachable, "cannot resolve " + host + ", socket error " + exception.ErrorCode.ToString(), exception);
            }
        }
    }
}
