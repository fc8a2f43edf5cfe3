using System;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Bench.BoardHeap
{
    /// <summary>
    /// The SMTP server of the heap probe: a plain, unauthenticated relay that accepts one message and throws its
    /// data away as it arrives, so the message never sits in the heap being measured. It answers each command
    /// line by its verb (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and counts the data bytes.
    /// </summary>
    public class DiscardingSmtpConnection : INetworkConnection
    {
        private readonly byte[] _line = new byte[1024];
        private int _lineLength;
        private bool _inData;
        private byte[] _reply;
        private int _replyOffset;

        public DiscardingSmtpConnection()
        {
            Reply("220 bench.example ESMTP\r\n");
        }

        /// <summary>Messages accepted (250 after the final ".").</summary>
        public static int MessagesAccepted;

        /// <summary>Data bytes received and discarded, over all connections.</summary>
        public static long DataBytes;

        public int ReadTimeoutMilliseconds { get; set; }

        public bool IsSecure
        {
            get { return false; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_reply == null)
            {
                throw new NetworkException(NetworkFailure.Timeout, "bench SMTP server has nothing to send");
            }

            int take = _reply.Length - _replyOffset;
            if (take > count)
            {
                take = count;
            }

            Array.Copy(_reply, _replyOffset, buffer, offset, take);
            _replyOffset += take;
            if (_replyOffset == _reply.Length)
            {
                _reply = null;
            }

            return take;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = buffer[i];
                if (_lineLength < _line.Length)
                {
                    _line[_lineLength] = b;
                }

                _lineLength++;
                if (b == (byte)'\n')
                {
                    EndOfLine();
                    _lineLength = 0;
                }
            }
        }

        public void Dispose()
        {
        }

        private void EndOfLine()
        {
            if (_inData)
            {
                if (_lineLength == 3 && _line[0] == (byte)'.' && _line[1] == (byte)'\r')
                {
                    _inData = false;
                    MessagesAccepted++;
                    Reply("250 2.0.0 accepted\r\n");
                }
                else
                {
                    DataBytes += _lineLength;
                }

                return;
            }

            string verb = _lineLength >= 4 ? Encoding.UTF8.GetString(_line, 0, 4).ToUpper() : "";
            if (verb == "EHLO")
            {
                Reply("250-bench.example\r\n250-8BITMIME\r\n250 SIZE 10000000\r\n");
            }
            else if (verb == "DATA")
            {
                _inData = true;
                Reply("354 go ahead\r\n");
            }
            else if (verb == "QUIT")
            {
                Reply("221 2.0.0 bye\r\n");
            }
            else if (verb == "MAIL" || verb == "RCPT" || verb == "RSET" || verb == "NOOP")
            {
                Reply("250 2.1.0 ok\r\n");
            }
            else
            {
                Reply("502 5.5.2 not implemented\r\n");
            }
        }

        private void Reply(string text)
        {
            _reply = Encoding.UTF8.GetBytes(text);
            _replyOffset = 0;
        }
    }
}
