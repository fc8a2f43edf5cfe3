using Attendance.Core.Hardware;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Opens exchanges with the lookup server and runs operations over them: connect, read the greeting, queue
    /// AUTENTICAR (pipelined with the operation's first requests), and on a broken connection or timeout
    /// reconnect once and run the operation again from the start. Failures come out as
    /// <see cref="LookupException"/> typed by what the caller can do next.
    /// </summary>
    public class LookupClient
    {
        private readonly INetworkConnector _connector;
        private readonly LookupClientSettings _settings;

        public LookupClient(INetworkConnector connector, LookupClientSettings settings)
        {
            _connector = connector;
            _settings = settings;
        }

        public LookupClientSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>Round trips of the last <see cref="Run"/>, counting every attempt (for tests and benchmarks).</summary>
        public int LastRoundTrips { get; private set; }

        /// <summary>Writes of the last <see cref="Run"/>, counting every attempt.</summary>
        public int LastWrites { get; private set; }

        /// <summary>Connections opened by the last <see cref="Run"/> (2 when it reconnected).</summary>
        public int LastConnections { get; private set; }

        /// <summary>
        /// Runs <paramref name="operation"/> over a fresh exchange whose AUTENTICAR is already queued; the
        /// operation must read AUTENTICAR's answer first, with <see cref="ReadAuthentication"/>.
        /// </summary>
        public object Run(LookupOperation operation)
        {
            LastRoundTrips = 0;
            LastWrites = 0;
            LastConnections = 0;
            try
            {
                return RunOnce(operation);
            }
            catch (NetworkException first)
            {
                if (first.Failure == NetworkFailure.TlsFailed)
                {
                    throw Translate(first);
                }
            }

            try
            {
                return RunOnce(operation);
            }
            catch (NetworkException second)
            {
                throw Translate(second);
            }
        }

        /// <summary>Reads AUTENTICAR's answer when one was queued (nothing in open mode).</summary>
        public void ReadAuthentication(LookupExchange exchange)
        {
            if (_settings.TerminalKey != null)
            {
                LookupAnswers.RequireAuthenticated(exchange.ReadFields(), _settings.TerminalId);
            }
        }

        private object RunOnce(LookupOperation operation)
        {
            LastConnections++;
            INetworkConnection connection = _connector.Connect(_settings.Host, _settings.Port, _settings.Security, _settings.ConnectTimeoutMilliseconds);
            LookupExchange exchange = new LookupExchange(connection, _settings.RequestTimeoutMilliseconds);
            try
            {
                if (_settings.TerminalKey != null)
                {
                    string nonce = LookupAnswers.Nonce(exchange.ReadFields());
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

        private static LookupException Translate(NetworkException exception)
        {
            if (exception.Failure == NetworkFailure.Timeout)
            {
                return new LookupException(LookupFailure.Timeout, "The lookup server did not answer in time.", exception);
            }

            if (exception.Failure == NetworkFailure.TlsFailed)
            {
                // An untrusted certificate, a name mismatch or a server without TLS: the server is reachable, and
                // retrying will not help until the terminal's or the server's configuration changes, which is what
                // Refused tells the caller (Unreachable would suggest waiting for the network). A handshake cut by
                // the network (EOF, reset, no answer) arrives as ConnectionLost or Timeout instead: the connectors
                // classify it at the source, and it is retried like any broken connection.
                return new LookupException(LookupFailure.Refused, "The TLS handshake with the lookup server failed (certificate not trusted, or the server has no TLS): " + exception.Message, exception);
            }

            return new LookupException(LookupFailure.Unreachable, "The lookup server could not be reached: " + exception.Message, exception);
        }
    }
}
