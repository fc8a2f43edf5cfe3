using Attendance.Core.Hardware;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The network worker's connector: passes every call through and tells <see cref="NetworkProgress"/> each
    /// time a connect, read or write returns, so the watchdog can tell a stuck worker from a slow server.
    /// </summary>
    public class ProgressConnector : INetworkConnector
    {
        private readonly INetworkConnector inner;
        private readonly NetworkProgress progress;

        public ProgressConnector(INetworkConnector inner, NetworkProgress progress)
        {
            this.inner = inner;
            this.progress = progress;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            try
            {
                return new ProgressConnection(inner.Connect(host, port, security, timeoutMilliseconds), progress);
            }
            finally
            {
                progress.Moved();
            }
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            ProgressConnection plain = plainConnection as ProgressConnection;
            try
            {
                INetworkConnection upgraded = inner.StartTls(plain == null ? plainConnection : plain.Inner, host);
                return new ProgressConnection(upgraded, progress);
            }
            finally
            {
                progress.Moved();
            }
        }

        private class ProgressConnection : INetworkConnection
        {
            private readonly NetworkProgress progress;

            public ProgressConnection(INetworkConnection inner, NetworkProgress progress)
            {
                Inner = inner;
                this.progress = progress;
            }

            public INetworkConnection Inner { get; private set; }

            public int ReadTimeoutMilliseconds
            {
                get { return Inner.ReadTimeoutMilliseconds; }
                set { Inner.ReadTimeoutMilliseconds = value; }
            }

            public bool IsSecure
            {
                get { return Inner.IsSecure; }
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    return Inner.Read(buffer, offset, count);
                }
                finally
                {
                    progress.Moved();
                }
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                try
                {
                    Inner.Write(buffer, offset, count);
                }
                finally
                {
                    progress.Moved();
                }
            }

            public void Dispose()
            {
                Inner.Dispose();
            }
        }
    }
}
