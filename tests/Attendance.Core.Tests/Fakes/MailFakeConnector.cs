using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Hands out one scripted connection; STARTTLS marks it secure (or fails, when told to).</summary>
    public class MailFakeConnector : INetworkConnector
    {
        private readonly ScriptedSmtpConnection _connection;

        public MailFakeConnector(ScriptedSmtpConnection connection)
        {
            _connection = connection;
        }

        /// <summary>When set, Connect throws a NetworkException of this kind.</summary>
        public bool FailConnect;

        public NetworkFailure ConnectFailure;

        /// <summary>When set, the STARTTLS handshake fails with <see cref="NetworkFailure.TlsFailed"/>.</summary>
        public bool FailTls;

        public int Connects { get; private set; }

        public int TlsUpgrades { get; private set; }

        public ConnectionSecurity LastSecurity { get; private set; }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            Connects++;
            LastSecurity = security;
            if (FailConnect)
            {
                throw new NetworkException(ConnectFailure, "scripted connect failure");
            }

            _connection.IsSecure = security == ConnectionSecurity.Tls;
            return _connection;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            TlsUpgrades++;
            if (FailTls)
            {
                throw new NetworkException(NetworkFailure.TlsFailed, "scripted certificate failure");
            }

            _connection.IsSecure = true;
            return _connection;
        }
    }
}
