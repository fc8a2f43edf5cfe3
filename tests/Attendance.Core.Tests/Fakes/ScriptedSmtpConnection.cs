using System;
using System.Collections;
using System.Text;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// A scripted SMTP server behind a fake <see cref="INetworkConnection"/>: the script alternates what the
    /// server sends and what the client must write. A client line that differs from the script, or a read while
    /// the script waits for the client, throws <see cref="MailScriptException"/>, which the client does not catch.
    /// </summary>
    public class ScriptedSmtpConnection : INetworkConnection
    {
        private const int ServerKind = 0;
        private const int ClientKind = 1;
        private const int DataKind = 2;
        private const int TimeoutKind = 3;
        private const int CloseKind = 4;
        private const int DropOnWriteKind = 5;

        private readonly ArrayList _kinds = new ArrayList();
        private readonly ArrayList _texts = new ArrayList();
        private readonly bool _oneByteAtATime;
        private readonly StringBuilder _pendingClient = new StringBuilder();
        private readonly StringBuilder _transcript = new StringBuilder();
        private readonly ArrayList _timeouts = new ArrayList();
        private readonly ArrayList _timeoutStates = new ArrayList();
        private int _next;
        private int _served;

        public ScriptedSmtpConnection(bool oneByteAtATime)
        {
            _oneByteAtATime = oneByteAtATime;
        }

        public int ReadTimeoutMilliseconds { get; set; }

        public bool IsSecure { get; set; }

        public bool Disposed { get; private set; }

        /// <summary>The message data the client sent between 354 and the final ".", as sent (dot-stuffed).</summary>
        public string Data { get; private set; }

        /// <summary>Everything the client wrote, in order.</summary>
        public string Transcript
        {
            get { return _transcript.ToString(); }
        }

        /// <summary>True when every scripted step has happened.</summary>
        public bool Finished
        {
            get { return _next == _kinds.Count; }
        }

        /// <summary>The read timeout in force at each read, in order.</summary>
        public int[] ReadTimeouts()
        {
            int[] values = new int[_timeouts.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (int)_timeouts[i];
            }

            return values;
        }

        public ScriptedSmtpConnection Server(string reply)
        {
            return Add(ServerKind, reply);
        }

        public ScriptedSmtpConnection Client(string line)
        {
            return Add(ClientKind, line);
        }

        public ScriptedSmtpConnection ClientData()
        {
            return Add(DataKind, null);
        }

        public ScriptedSmtpConnection TimeoutOnRead()
        {
            return Add(TimeoutKind, null);
        }

        public ScriptedSmtpConnection CloseOnRead()
        {
            return Add(CloseKind, null);
        }

        public ScriptedSmtpConnection DropOnWrite()
        {
            return Add(DropOnWriteKind, null);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            _timeouts.Add(ReadTimeoutMilliseconds);
            if (_next >= _kinds.Count)
            {
                return 0;
            }

            int kind = (int)_kinds[_next];
            if (kind == TimeoutKind)
            {
                _next++;
                throw new NetworkException(NetworkFailure.Timeout, "scripted timeout");
            }

            if (kind == CloseKind)
            {
                _next++;
                return 0;
            }

            if (kind != ServerKind)
            {
                throw new MailScriptException("The client reads but the script expects it to write: "
                    + (string)_texts[_next] + " (client wrote so far: " + _transcript.ToString() + ")");
            }

            byte[] reply = Encoding.UTF8.GetBytes((string)_texts[_next]);
            int available = reply.Length - _served;
            int copied = _oneByteAtATime ? 1 : (available < count ? available : count);
            Array.Copy(reply, _served, buffer, offset, copied);
            _served += copied;
            if (_served == reply.Length)
            {
                _served = 0;
                _next++;
            }

            return copied;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_next < _kinds.Count && (int)_kinds[_next] == DropOnWriteKind)
            {
                _next++;
                throw new NetworkException(NetworkFailure.ConnectionLost, "scripted connection loss");
            }

            string text = Encoding.UTF8.GetString(buffer, offset, count);
            _transcript.Append(text);
            _pendingClient.Append(text);
            Match();
        }

        public void Dispose()
        {
            Disposed = true;
        }

        private void Match()
        {
            while (_next < _kinds.Count)
            {
                int kind = (int)_kinds[_next];
                string pending = _pendingClient.ToString();
                if (kind == ClientKind)
                {
                    int end = pending.IndexOf("\r\n");
                    if (end < 0)
                    {
                        return;
                    }

                    string line = pending.Substring(0, end);
                    if (line != (string)_texts[_next])
                    {
                        throw new MailScriptException("Expected client line '" + (string)_texts[_next] + "' but got '" + line + "'");
                    }

                    Consume(end + 2);
                }
                else if (kind == DataKind)
                {
                    int end = pending.IndexOf("\r\n.\r\n");
                    if (end < 0)
                    {
                        return;
                    }

                    Data = pending.Substring(0, end + 2);
                    Consume(end + 5);
                }
                else if (kind == DropOnWriteKind)
                {
                    return;
                }
                else
                {
                    if (pending.Length > 0)
                    {
                        throw new MailScriptException("The client wrote '" + pending + "' when the script expected none.");
                    }

                    return;
                }
            }
        }

        private void Consume(int length)
        {
            string rest = _pendingClient.ToString().Substring(length);
            _pendingClient.Clear();
            _pendingClient.Append(rest);
            _next++;
        }

        private ScriptedSmtpConnection Add(int kind, string text)
        {
            _kinds.Add(kind);
            _texts.Add(text);
            return this;
        }
    }

    /// <summary>The client did something the script did not expect.</summary>
    public class MailScriptException : Exception
    {
        public MailScriptException(string message)
            : base(message)
        {
        }
    }
}
