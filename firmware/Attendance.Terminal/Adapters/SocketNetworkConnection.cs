using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// One TCP connection, plain (reads and writes on the <see cref="Socket"/>) or TLS (through an
    /// <see cref="SslStream"/> on the same socket). nanoFramework's SslStream is built on a Socket, not on a
    /// stream, so STARTTLS hands this connection's socket to a new SslStream (<see cref="DetachSocket"/>).
    /// Platform exceptions become <see cref="NetworkException"/>s.
    /// </summary>
    public sealed class SocketNetworkConnection : INetworkConnection
    {
        private Socket _socket;
        private SslStream _tls;

        public SocketNetworkConnection(Socket socket, SslStream tls)
        {
            _socket = socket;
            _tls = tls;
        }

        public bool IsSecure
        {
            get { return _tls != null; }
        }

        public int ReadTimeoutMilliseconds
        {
            get { return SocketOrThrow().ReceiveTimeout; }
            set { SocketOrThrow().ReceiveTimeout = value; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            Socket socket = SocketOrThrow();
            try
            {
                return _tls != null ? _tls.Read(buffer, offset, count) : socket.Receive(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException exception)
            {
                throw Translate(exception, "read");
            }
            catch (IOException exception)
            {
                throw new NetworkException(NetworkFailure.ConnectionLost, "read failed: " + exception.Message, exception);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Socket socket = SocketOrThrow();
            try
            {
                if (_tls != null)
                {
                    _tls.Write(buffer, offset, count);
                    return;
                }

                while (count > 0)
                {
                    int sent = socket.Send(buffer, offset, count, SocketFlags.None);
                    if (sent <= 0)
                    {
                        throw new NetworkException(NetworkFailure.ConnectionLost, "the peer stopped accepting data");
                    }

                    offset += sent;
                    count -= sent;
                }
            }
            catch (SocketException exception)
            {
                throw Translate(exception, "write");
            }
            catch (IOException exception)
            {
                throw new NetworkException(NetworkFailure.ConnectionLost, "write failed: " + exception.Message, exception);
            }
        }

        /// <summary>Gives up the plain socket for a TLS upgrade; this connection is unusable afterwards.</summary>
        public Socket DetachSocket()
        {
            if (_tls != null)
            {
                throw new InvalidOperationException("the connection is already protected by TLS");
            }

            Socket socket = SocketOrThrow();
            _socket = null;
            return socket;
        }

        public void Dispose()
        {
            if (_tls != null)
            {
                // SslStream owns the socket and closes it (SslStream(Socket) remarks).
                _tls.Dispose();
                _tls = null;
                _socket = null;
            }
            else if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }

        internal static NetworkException Translate(SocketException exception, string operation)
        {
            if (exception.ErrorCode == (int)SocketError.TimedOut)
            {
                return new NetworkException(NetworkFailure.Timeout, operation + " timed out", exception);
            }

            return new NetworkException(NetworkFailure.ConnectionLost, operation + " failed, socket error " + exception.ErrorCode.ToString(), exception);
        }

        private Socket SocketOrThrow()
        {
            if (_socket == null)
            {
                throw new ObjectDisposedException("connection");
            }

            return _socket;
        }
    }
}
