using Attendance.Core.Hardware;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Opens exchanges with the lookup server and runs operations over them: connect, read the greeting, queue
    /// AUTENTICAR (pipelined with the operation's first requests), and on a broken connection or timeout run the
    /// operation again from the start on the next server (<see cref="LookupClientSettings.Servers"/>), or on the
    /// same one when there is only one. Failures come out as <see cref="LookupException"/> typed by what the
    /// caller can do next.
    /// <para>
    /// Failover. Each server is tried once, starting with the one that answered last, and the first one is tried
    /// once more at the end when it had cut the connection or gone silent (a one-off cut, as with a single
    /// server), so a run makes at most servers + 1 attempts; the door's <c>DeadlineConnector</c> bounds all of
    /// them together. The operation starts over on each attempt (the close-time exchange begins its report lines
    /// anew), so a cut in mid-exchange never leaves half a report. What moves on to the next server is what may
    /// differ between instances: no connection, a cut or silent connection, a greeting that turns the terminal
    /// away (<c>ERRO|servidor ocupado</c>: that instance is full), a TLS handshake refused (each instance has its
    /// own certificate). What ends the run at once is an answer that the shared database gives the same on every
    /// instance: a refused key (<see cref="LookupFailure.KeyRefused"/>: keys live in the shared database, and
    /// asking every instance would only spend the per-address login budget that admission control keeps), an
    /// unknown professor, or an answer that breaks the protocol (the outbox counts identical repeats of those).
    /// </para>
    /// </summary>
    public class LookupClient
    {
        private readonly INetworkConnector _connector;
        private readonly LookupClientSettings _settings;
        private readonly LookupServerList _servers;

        public LookupClient(INetworkConnector connector, LookupClientSettings settings)
        {
            _connector = connector;
            _settings = settings;
            _servers = settings.Servers != null ? settings.Servers : LookupServerList.Single(settings.Host, settings.Port);
        }

        public LookupClientSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>The servers this client tries, and the one it starts with.</summary>
        public LookupServerList Servers
        {
            get { return _servers; }
        }

        /// <summary>Round trips of the last <see cref="Run"/>, counting every attempt (for tests and benchmarks).</summary>
        public int LastRoundTrips { get; private set; }

        /// <summary>Writes of the last <see cref="Run"/>, counting every attempt.</summary>
        public int LastWrites { get; private set; }

        /// <summary>Connections opened by the last <see cref="Run"/> (2 when it reconnected).</summary>
        public int LastConnections { get; private set; }

        /// <summary>Index in <see cref="Servers"/> of the server that answered the last <see cref="Run"/>; -1 when none did.</summary>
        public int LastServer { get; private set; }

        /// <summary>
        /// Runs <paramref name="operation"/> over a fresh exchange whose AUTENTICAR is already queued; the
        /// operation must read AUTENTICAR's answer first, with <see cref="ReadAuthentication"/>.
        /// </summary>
        public object Run(LookupOperation operation)
        {
            LastRoundTrips = 0;
            LastWrites = 0;
            LastConnections = 0;
            LastServer = -1;
            int count = _servers.Count;
            int first = _servers.Preferred;
            bool retryFirst = true;
            LookupException failure = null;
            for (int attempt = 0; attempt <= count; attempt++)
            {
                if (attempt == count && !retryFirst)
                {
                    break;
                }

                int index = (first + attempt) % count;
                string host = _servers.HostAt(index);
                int port = _servers.PortAt(index);
                try
                {
                    object result = RunOnce(operation, host, port);
                    _servers.Preferred = index;
                    LastServer = index;
                    return result;
                }
                catch (NetworkException exception)
                {
                    // A refused handshake will be refused again by the same server: it is not tried a second time.
                    if (attempt == 0 && exception.Failure == NetworkFailure.TlsFailed)
                    {
                        retryFirst = false;
                    }

                    failure = Translate(exception, host, port);
                }
                catch (LookupException exception)
                {
                    if (exception.Failure != LookupFailure.Unreachable)
                    {
                        throw;
                    }

                    // Turned away at the greeting (server full): that server is not asked again in this run.
                    if (attempt == 0)
                    {
                        retryFirst = false;
                    }

                    failure = exception;
                }
            }

            if (count > 1)
            {
                // No server answered: the next run starts with the next one, so a server that cannot even be
                // connected to within the door's deadline does not stay first for ever.
                _servers.Preferred = (first + 1) % count;
            }

            throw failure;
        }

        /// <summary>Reads AUTENTICAR's answer when one was queued (nothing in open mode).</summary>
        public void ReadAuthentication(LookupExchange exchange)
        {
            if (_settings.TerminalKey != null)
            {
                LookupAnswers.RequireAuthenticated(exchange.ReadFields(), _settings.TerminalId);
            }
        }

        private object RunOnce(LookupOperation operation, string host, int port)
        {
            LastConnections++;
            INetworkConnection connection = _connector.Connect(host, port, _settings.Security, _settings.ConnectTimeoutMilliseconds);
            LookupExchange exchange = new LookupExchange(connection, _settings.RequestTimeoutMilliseconds);
            try
            {
                if (_settings.TerminalKey != null)
                {
                    string nonce = LookupAnswers.Nonce(exchange.ReadFields());
                    exchange.ServerNonce = nonce;
                    exchange.Queue2(LookupProtocol.Authenticate, _settings.TerminalId,
                        LookupAuthentication.ComputeProof(_settings.TerminalKey, nonce, _settings.TerminalId));
                }

                return operation(exchange);
            }
            finally
            {
                LastRoundTrips += exchange.RoundTrips;
                LastWrites += exchange.Writes;
                connection.Dispose();
            }
        }

        private static LookupException Translate(NetworkException exception, string host, int port)
        {
            string server = host + ":" + port.ToString();
            if (exception.Failure == NetworkFailure.Timeout)
            {
                return new LookupException(LookupFailure.Timeout, "The lookup server " + server + " did not answer in time.", exception);
            }

            if (exception.Failure == NetworkFailure.TlsFailed)
            {
                // An untrusted certificate, a name mismatch or a server without TLS: the server is reachable, and
                // retrying will not help until the terminal's or the server's configuration changes, which is what
                // Refused tells the caller (Unreachable would suggest waiting for the network). A handshake cut by
                // the network (EOF, reset, no answer) arrives as ConnectionLost or Timeout instead: the connectors
                // classify it at the source, and it is retried like any broken connection.
                return new LookupException(LookupFailure.Refused, "The TLS handshake with the lookup server " + server + " failed (certificate not trusted, or the server has no TLS): " + exception.Message, exception);
            }

            return new LookupException(LookupFailure.Unreachable, "The lookup server " + server + " could not be reached: " + exception.Message, exception);
        }
    }
}
