using System.Collections;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// Hands out prepared connections in order; an entry that is a <see cref="NetworkException"/> is thrown by
    /// Connect instead (server down). Records every Connect call.
    /// </summary>
    public class FakeNetworkConnector : INetworkConnector
    {
        private readonly ArrayList _outcomes = new ArrayList();

        public int ConnectCalls { get; private set; }

        public string LastHost { get; private set; }

        public int LastPort { get; private set; }

        public ConnectionSecurity LastSecurity { get; private set; }

        /// <summary>Adds the next connection (or NetworkException) Connect will return (or throw).</summary>
        public void Enqueue(object connectionOrException)
        {
            _outcomes.Add(connectionOrException);
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            ConnectCalls++;
            LastHost = host;
            LastPort = port;
            LastSecurity = security;
            if (_outcomes.Count == 0)
            {
                throw new NetworkException(NetworkFailure.Unreachable, "no connection scripted");
            }

            object next = _outcomes[0];
            _outcomes.RemoveAt(0);
            NetworkException failure = next as NetworkException;
            if (failure != null)
            {
                throw failure;
            }

            return (INetworkConnection)next;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            throw new NetworkException(NetworkFailure.TlsFailed, "the fake connector has no TLS");
        }
    }
}
