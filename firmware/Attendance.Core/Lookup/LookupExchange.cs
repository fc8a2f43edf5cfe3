using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// One connection to the lookup server seen as a pipeline: requests are queued into a fixed buffer that is
    /// written when full or on <see cref="Flush"/>, and answers are read back one line at a time, in order,
    /// through a fixed receive buffer. Memory stays bounded whatever the number of requests: one send buffer,
    /// one receive buffer and one line. Reading whole lines is kept apart from deciding what they mean
    /// (<see cref="LookupAnswers"/>).
    /// </summary>
    public class LookupExchange
    {
        private const int SendBufferBytes = 512;
        private const int ReceiveBufferBytes = 256;

        private readonly INetworkConnection _connection;
        private readonly byte[] _sendBuffer = new byte[SendBufferBytes];
        private readonly byte[] _receiveBuffer = new byte[ReceiveBufferBytes];
        private readonly LookupLineFramer _framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        private readonly StringBuilder _line = new StringBuilder();
        private int _sendLength;
        private int _receiveOffset;
        private int _receiveCount;
        private bool _wroteSinceRead = true;
        private int _pendingAnswers;

        public LookupExchange(INetworkConnection connection, int requestTimeoutMilliseconds)
        {
            _connection = connection;
            _connection.ReadTimeoutMilliseconds = requestTimeoutMilliseconds;
        }

        /// <summary>
        /// Times the client waited for the server: the first read after connecting, and each read that follows a
        /// write. Pipelining keeps this fixed however many requests a roll needs.
        /// </summary>
        public int RoundTrips { get; private set; }

        /// <summary>Number of writes to the connection, for tests and benchmarks.</summary>
        public int Writes { get; private set; }

        /// <summary>
        /// The nonce of the server's greeting on this connection (set by <see cref="LookupClient"/>); null in open
        /// mode. The server's proofs over its time and settings cover it (<see cref="ServerProof"/>).
        /// </summary>
        public string ServerNonce { get; set; }

        /// <summary>Requests queued whose answers have not been read yet.</summary>
        public int PendingAnswers
        {
            get { return _pendingAnswers; }
        }

        public void Queue1(string command, string argument)
        {
            BeginLine(command);
            AppendField(argument);
            EndLine();
        }

        public void Queue2(string command, string first, string second)
        {
            BeginLine(command);
            AppendField(first);
            AppendField(second);
            EndLine();
        }

        public void Queue3(string command, string first, string second, string third)
        {
            BeginLine(command);
            AppendField(first);
            AppendField(second);
            AppendField(third);
            EndLine();
        }

        public void Queue5(string command, string first, string second, string third, string fourth, string fifth)
        {
            BeginLine(command);
            AppendField(first);
            AppendField(second);
            AppendField(third);
            AppendField(fourth);
            AppendField(fifth);
            EndLine();
        }

        /// <summary>A request with any number of arguments (the upload's CHAMADA has eight).</summary>
        public void Queue(string command, string[] arguments)
        {
            BeginLine(command);
            for (int i = 0; i < arguments.Length; i++)
            {
                AppendField(arguments[i]);
            }

            EndLine();
        }

        /// <summary>Writes what is queued. Requests already written stay written; answers are read afterwards.</summary>
        public void Flush()
        {
            if (_sendLength > 0)
            {
                _connection.Write(_sendBuffer, 0, _sendLength);
                Writes++;
                _sendLength = 0;
                _wroteSinceRead = true;
            }
        }

        /// <summary>
        /// Reads the next answer line and splits it into fields. Returns null for an answer that cannot be
        /// decoded (longer than the protocol allows, invalid UTF-8, a control character, a bad escape): it still
        /// counts as the answer to its request, so later answers stay in step, and <see cref="LookupAnswers"/>
        /// decides whether one unreadable value degrades one line or makes the exchange unusable. An over-long
        /// line is skipped to its end by the framer without being buffered. Lets <see cref="NetworkException"/>
        /// through for timeouts and broken connections.
        /// </summary>
        public string[] ReadFields()
        {
            if (_wroteSinceRead)
            {
                RoundTrips++;
                _wroteSinceRead = false;
            }

            while (true)
            {
                if (_receiveCount == 0)
                {
                    int received = _connection.Read(_receiveBuffer, 0, _receiveBuffer.Length);
                    if (received <= 0)
                    {
                        throw new NetworkException(NetworkFailure.ConnectionLost, "The lookup server closed the connection before answering.");
                    }

                    _receiveOffset = 0;
                    _receiveCount = received;
                }

                int consumed;
                LineFramerStatus status = _framer.Push(_receiveBuffer, _receiveOffset, _receiveCount, out consumed);
                _receiveOffset += consumed;
                _receiveCount -= consumed;
                if (status == LineFramerStatus.LineTooLong)
                {
                    TookAnswer();
                    return null;
                }

                if (status == LineFramerStatus.Line)
                {
                    TookAnswer();
                    return LookupFieldCodec.Split(_framer.TakeLine());
                }
            }
        }

        private void TookAnswer()
        {
            if (_pendingAnswers > 0)
            {
                _pendingAnswers--;
            }
        }

        private void BeginLine(string command)
        {
            _line.Clear();
            _line.Append(command);
        }

        private void AppendField(string value)
        {
            _line.Append(LookupProtocol.FieldSeparator);
            LookupFieldCodec.AppendEscaped(_line, value);
        }

        private void EndLine()
        {
            _line.Append("\r\n");
            byte[] bytes = Encoding.UTF8.GetBytes(_line.ToString());
            if (bytes.Length > LookupProtocol.MaximumLineBytes + 2)
            {
                throw new LookupException(LookupFailure.ProtocolViolation, "A request would exceed the protocol's line limit (a code is too long).");
            }

            if (_sendLength + bytes.Length > _sendBuffer.Length)
            {
                Flush();
            }

            System.Array.Copy(bytes, 0, _sendBuffer, _sendLength, bytes.Length);
            _sendLength += bytes.Length;
            _pendingAnswers++;
        }
    }
}
