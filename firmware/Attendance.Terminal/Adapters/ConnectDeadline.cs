using System.Net.Sockets;
using System.Threading;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// A deadline for one connect (TCP and, for TLS, the handshake): a <see cref="Timer"/> closes the socket when
    /// the deadline passes, and the blocked call returns with an exception.
    /// <para>
    /// Why this works on nanoFramework: Socket.Connect has no timeout of its own. nf-interpreter makes every
    /// socket non-blocking (NativeSocket.socket sets FIONBIO), so Connect starts lwIP's connect and then waits in
    /// Poll(-1, SelectWrite): the native poll waits for socket events and re-checks the socket each time it is
    /// woken. Socket.Close from another thread (the timer's) calls NativeSocket.close, which closes the lwIP
    /// socket and then signals the socket event (Events_Set(SYSTEM_EVENT_FLAG_SOCKET)) "to wake up any threads
    /// that are waiting on it" (sys_net_native_System_Net_Sockets_NativeSocket.cpp); the woken poll finds the
    /// handle disposed (ObjectDisposedException) or the socket in error (SocketException), so Connect returns.
    /// The TLS handshake reads the same socket, so closing it ends a stalled handshake the same way.
    /// </para>
    /// </summary>
    internal sealed class ConnectDeadline
    {
        private readonly Socket _socket;
        private readonly object _lock = new object();
        private readonly Timer _timer;
        private bool _over;

        public ConnectDeadline(Socket socket, int milliseconds)
        {
            _socket = socket;
            _timer = new Timer(Expire, null, milliseconds, Timeout.Infinite);
        }

        /// <summary>True once the deadline passed and the socket was closed.</summary>
        public bool Expired { get; private set; }

        /// <summary>The connect is over (done or failed): the timer must not close the socket any more.</summary>
        public void Disarm()
        {
            lock (_lock)
            {
                _over = true;
            }

            _timer.Dispose();
        }

        private void Expire(object state)
        {
            lock (_lock)
            {
                if (_over)
                {
                    return;
                }

                Expired = true;
                _over = true;
            }

            _socket.Close();
        }
    }
}
