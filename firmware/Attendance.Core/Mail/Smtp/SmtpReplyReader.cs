using System.Collections;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// Reads whole replies off a connection, however the bytes arrive: "250-first" lines continue a reply and
    /// "250 last" ends it (RFC 5321 section 4.2.1). It only frames replies; what they mean is decided by
    /// <see cref="SmtpSession"/>. Lines longer than the buffer (512 octets is the RFC's reply-line limit,
    /// section 4.5.3.1.5) are truncated rather than grown, so a hostile server cannot exhaust the heap.
    /// </summary>
    public class SmtpReplyReader
    {
        /// <summary>Reply lines kept per reply; more ends the connection as a protocol violation.</summary>
        public const int MaximumLines = 64;

        private readonly byte[] _buffer;
        private INetworkConnection _connection;
        private int _start;
        private int _end;

        public SmtpReplyReader(int bufferSize)
        {
            _buffer = new byte[bufferSize];
        }

        /// <summary>
        /// Reads from <paramref name="connection"/> from now on and forgets any buffered bytes: after STARTTLS,
        /// anything the server sent in the clear must be discarded (RFC 3207 section 6, command injection).
        /// </summary>
        public void Attach(INetworkConnection connection)
        {
            _connection = connection;
            _start = 0;
            _end = 0;
        }

        /// <summary>Returns the next whole reply, or throws a transient <see cref="SmtpException"/>.</summary>
        public SmtpReply ReadReply(SmtpState state)
        {
            ArrayList lines = new ArrayList();
            int code = -1;
            while (true)
            {
                string line = ReadLine(state);
                if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2])
                    || line[0] < '2' || line[0] > '5' || (line.Length > 3 && line[3] != ' ' && line[3] != '-'))
                {
                    throw Malformed(state, "Malformed reply line: " + Printable(line));
                }

                int lineCode = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
                if (code >= 0 && lineCode != code)
                {
                    throw Malformed(state, "Reply lines with different codes: " + code.ToString() + " then " + lineCode.ToString());
                }

                code = lineCode;
                if (lines.Count >= MaximumLines)
                {
                    throw Malformed(state, "Reply longer than " + MaximumLines.ToString() + " lines.");
                }

                lines.Add(line.Length > 4 ? line.Substring(4) : string.Empty);
                if (line.Length == 3 || line[3] == ' ')
                {
                    string[] text = new string[lines.Count];
                    lines.CopyTo(text);
                    return new SmtpReply(code, text);
                }
            }
        }

        private string ReadLine(SmtpState state)
        {
            string truncated = null;
            while (true)
            {
                for (int i = _start; i < _end; i++)
                {
                    if (_buffer[i] == (byte)'\n')
                    {
                        int length = i - _start;
                        if (length > 0 && _buffer[i - 1] == (byte)'\r')
                        {
                            length--;
                        }

                        string line = truncated != null ? truncated : Encoding.UTF8.GetString(_buffer, _start, length);
                        _start = i + 1;
                        return line;
                    }
                }

                if (_start > 0)
                {
                    // Move the partial line to the front to make room.
                    int pending = _end - _start;
                    for (int i = 0; i < pending; i++)
                    {
                        _buffer[i] = _buffer[_start + i];
                    }

                    _start = 0;
                    _end = pending;
                }

                if (_end == _buffer.Length)
                {
                    // Over-long line: keep its beginning and drop the rest up to the line feed.
                    if (truncated == null)
                    {
                        truncated = Encoding.UTF8.GetString(_buffer, 0, _end);
                    }

                    _end = 0;
                }

                int read;
                try
                {
                    read = _connection.Read(_buffer, _end, _buffer.Length - _end);
                }
                catch (NetworkException exception)
                {
                    throw new SmtpException(SmtpFailureKind.Transient, state,
                        "No reply while waiting in state " + SmtpSession.StateName(state) + ": " + exception.Message, exception);
                }

                if (read <= 0)
                {
                    throw new SmtpException(SmtpFailureKind.Transient, state, 0, string.Empty,
                        "The server closed the connection in state " + SmtpSession.StateName(state) + ".");
                }

                _end += read;
            }
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static SmtpException Malformed(SmtpState state, string message)
        {
            return new SmtpException(SmtpFailureKind.Transient, state, 0, string.Empty, message);
        }

        private static string Printable(string line)
        {
            return line.Length > 80 ? line.Substring(0, 80) + "..." : line;
        }
    }
}
