using System.Collections;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// Hands out prepared connections in order; an entry that is a <see cref="NetworkException"/> is thrown by
    /// Connect instead (server down). Records every Connect call. A <see cref="ScriptedSmtpConnection"/> stands
    /// in for TLS: it is marked secure when opened with implicit TLS or upgraded by STARTTLS (unless
    /// <see cref="FailTls"/>); any other connection cannot be upgraded.
    /// </summary>
    public class FakeNetworkConnector : INetworkConnector
    {
        private readonly ArrayList _outcomes = new ArrayList();
        private readonly Hashtable _outcomesByServer = new Hashtable();

        /// <summary>Every Connect call's "host:port", in order.</summary>
        public readonly ArrayList Servers = new ArrayList();

        public FakeNetworkConnector()
        {
        }

        /// <summary>A connector whose first Connect returns (or throws) <paramref name="firstOutcome"/>.</summary>
        public FakeNetworkConnector(object firstOutcome)
        {
            Enqueue(firstOutcome);
        }

        /// <summary>When true, the STARTTLS handshake fails with <see cref="NetworkFailure.TlsFailed"/>.</summary>
        public bool FailTls;

        /// <summary>How a failed STARTTLS handshake is reported (TlsFailed: refused; ConnectionLost, Timeout: cut).</summary>
        public NetworkFailure TlsFailureKind = NetworkFailure.TlsFailed;

        public int ConnectCalls { get; private set; }

        public int TlsUpgrades { get; private set; }

        public string LastHost { get; private set; }

        public int LastPort { get; private set; }

        public ConnectionSecurity LastSecurity { get; private set; }

        /// <summary>Adds the next connection (or NetworkException) Connect will return (or throw).</summary>
        public void Enqueue(object connectionOrException)
        {
            _outcomes.Add(connectionOrException);
        }

        /// <summary>
        /// Adds the next outcome of a Connect to <paramref name="host"/>:<paramref name="port"/> only (several
        /// servers); a server with such outcomes never takes from the common queue, and is down once they run out.
        /// </summary>
        public void EnqueueFor(string host, int port, object connectionOrException)
        {
            string server = host + ":" + port.ToString();
            ArrayList outcomes = (ArrayList)_outcomesByServer[server];
            if (outcomes == null)
            {
                outcomes = new ArrayList();
                _outcomesByServer[server] = outcomes;
            }

            outcomes.Add(connectionOrException);
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            ConnectCalls++;
            LastHost = host;
            LastPort = port;
            LastSecurity = security;
            string server = host + ":" + port.ToString();
            Servers.Add(server);
            ArrayList outcomes = _outcomesByServer.Contains(server) ? (ArrayList)_outcomesByServer[server] : _outcomes;
            if (outcomes.Count == 0)
            {
                throw new NetworkException(NetworkFailure.Unreachable, "no connection scripted");
            }

            object next = outcomes[0];
            outcomes.RemoveAt(0);
            NetworkException failure = next as NetworkException;
            if (failure != null)
            {
                throw failure;
            }

            ScriptedSmtpConnection smtp = next as ScriptedSmtpConnection;
            if (smtp != null)
            {
                smtp.IsSecure = security == ConnectionSecurity.Tls;
            }

            return (INetworkConnection)next;
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            TlsUpgrades++;
            ScriptedSmtpConnection smtp = plainConnection as ScriptedSmtpConnection;
            if (smtp == null)
            {
                throw new NetworkException(NetworkFailure.TlsFailed, "the fake connector has no TLS for this connection");
            }

            if (FailTls)
            {
                throw new NetworkException(TlsFailureKind, "scripted handshake failure");
            }

            smtp.IsSecure = true;
            return smtp;
        }
    }
}
