using Attendance.Core.Hardware;

namespace Attendance.Bench.Lookup;

/// <summary>
/// Adds a round-trip time to a real connector: once for the TCP handshake and once for the first read after
/// any write (or after connecting), which is when a client waits for the network. Requests written together
/// and answered together pay it once, as on a real link.
/// </summary>
public sealed class LatencyConnector(INetworkConnector inner, int roundTripMilliseconds) : INetworkConnector
{
    public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
    {
        Thread.Sleep(roundTripMilliseconds);
        return new Connection(inner.Connect(host, port, security, timeoutMilliseconds), roundTripMilliseconds);
    }

    public INetworkConnection StartTls(INetworkConnection plainConnection, string host) => throw new NotSupportedException();

    private sealed class Connection(INetworkConnection inner, int roundTripMilliseconds) : INetworkConnection
    {
        private bool _waiting = true;

        public int ReadTimeoutMilliseconds
        {
            get => inner.ReadTimeoutMilliseconds;
            set => inner.ReadTimeoutMilliseconds = value;
        }

        public bool IsSecure => inner.IsSecure;

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_waiting)
            {
                Thread.Sleep(roundTripMilliseconds);
                _waiting = false;
            }

            return inner.Read(buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _waiting = true;
        }

        public void Dispose() => inner.Dispose();
    }
}
