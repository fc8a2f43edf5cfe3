using Attendance.Core.Hardware;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// Puts one deadline over everything a caller does on the network, however many connects and reads that
    /// takes: each connect gets at most the time left, each read a timeout of at most the time left, and once
    /// the deadline has passed every call fails at once with <see cref="NetworkFailure.Timeout"/>. The door uses
    /// it for the professor check, whose client reconnects once after a failure: without it two connect
    /// timeouts and several read timeouts would add up. One caller at a time (the door loop); the deadline is
    /// not shared with the worker, which has its own connector.
    /// </summary>
    public class DeadlineConnector : INetworkConnector
    {
        private readonly INetworkConnector inner;
        private readonly IClock clock;
        private bool active;
        private long deadline;

        public DeadlineConnector(INetworkConnector inner, IClock clock)
        {
            this.inner = inner;
            this.clock = clock;
        }

        /// <summary>From now on, everything must be over within <paramref name="milliseconds"/>.</summary>
        public void Start(int milliseconds)
        {
            deadline = clock.MonotonicMilliseconds + milliseconds;
            active = true;
        }

        /// <summary>No deadline any more.</summary>
        public void Clear()
        {
            active = false;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            int timeout = Bound(timeoutMilliseconds, "connecting to " + host);
            return new DeadlineConnection(inner.Connect(host, port, security, timeout), this);
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            Bound(1, "upgrading to TLS");
            DeadlineConnection plain = plainConnection as DeadlineConnection;
            return new DeadlineConnection(inner.StartTls(plain == null ? plainConnection : plain.Inner, host), this);
        }

        /// <summary>The smaller of <paramref name="timeout"/> and the time left; throws when none is left.</summary>
        private int Bound(int timeout, string what)
        {
            if (!active)
            {
                return timeout;
            }

            long left = deadline - clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                throw new NetworkException(NetworkFailure.Timeout, "deadline passed before " + what);
            }

            return timeout <= 0 || left < timeout ? (int)left : timeout;
        }

        private class DeadlineConnection : INetworkConnection
        {
            private readonly DeadlineConnector owner;
            private int readTimeout;

            public DeadlineConnection(INetworkConnection inner, DeadlineConnector owner)
            {
                Inner = inner;
                this.owner = owner;
                readTimeout = inner.ReadTimeoutMilliseconds;
            }

            public INetworkConnection Inner { get; private set; }

            public int ReadTimeoutMilliseconds
            {
                get { return readTimeout; }
                set { readTimeout = value; }
            }

            public bool IsSecure
            {
                get { return Inner.IsSecure; }
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                Inner.ReadTimeoutMilliseconds = owner.Bound(readTimeout, "reading");
                return Inner.Read(buffer, offset, count);
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                owner.Bound(1, "writing");
                Inner.Write(buffer, offset, count);
            }

            public void Dispose()
            {
                Inner.Dispose();
            }
        }
    }
}
