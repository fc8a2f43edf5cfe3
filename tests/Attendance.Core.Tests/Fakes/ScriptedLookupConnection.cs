using System;
using System.Collections;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// An in-memory lookup server behind <see cref="INetworkConnection"/>: it greets with a fixed nonce, checks
    /// AUTENTICAR with Core's HMAC, and answers each request line from a table (request line -> answer line),
    /// in order, once the client has written it. Answers can be handed out a few bytes per Read, the server can
    /// go silent (Read times out) or drop the connection after a given number of requests.
    /// </summary>
    public class ScriptedLookupConnection : INetworkConnection
    {
        public const string Nonce = "0123456789abcdef0123456789abcdef";

        private readonly Hashtable _answers;
        private readonly byte[] _key;
        private readonly LookupLineFramer _framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        private readonly ArrayList _requests = new ArrayList();
        private byte[] _output = new byte[0];
        private int _outputOffset;
        private bool _authenticated;
        private string _terminalId;

        /// <param name="answers">Request line (without line end) to answer line.</param>
        /// <param name="key">The terminal key the server expects; null for open mode (no greeting, no AUTENTICAR).</param>
        public ScriptedLookupConnection(Hashtable answers, byte[] key)
        {
            _answers = answers;
            _key = key;
            ReadChunkBytes = 4096;
            SilentAfterRequests = -1;
            DropAfterRequests = -1;
            if (key != null)
            {
                AppendOutput("OLA|1|" + Nonce);
            }
        }

        /// <summary>Most bytes one Read returns (1 splits every answer byte by byte).</summary>
        public int ReadChunkBytes { get; set; }

        /// <summary>After this many requests the server answers nothing more (Read times out); -1 for never.</summary>
        public int SilentAfterRequests { get; set; }

        /// <summary>After this many requests the server drops the connection (Read returns 0); -1 for never.</summary>
        public int DropAfterRequests { get; set; }

        /// <summary>Request line to answer bytes sent as they are (for invalid UTF-8); checked before the table.</summary>
        public readonly Hashtable RawAnswers = new Hashtable();

        /// <summary>When set, AUTENTICAR is answered with this line and the connection stays unauthenticated (a server whose database failed).</summary>
        public string AuthenticationAnswer;

        /// <summary>
        /// When set, upload lines (CHAMADA, PRESENCA, FIMCHAMADA) missing from the table are answered by it, as a
        /// server that stores rolls; when null they get <see cref="DefaultAnswer"/>.
        /// </summary>
        public FakeRollArchive Archive;

        /// <summary>Command name to answer line, for requests missing from the table (the heartbeat's lines carry changing values).</summary>
        public readonly Hashtable CommandAnswers = new Hashtable();

        /// <summary>Answer sent for requests missing from the table.</summary>
        public string DefaultAnswer = "ERRO|sem resposta no roteiro";

        public int ReadTimeoutMilliseconds { get; set; }

        public bool IsSecure
        {
            get { return false; }
        }

        public bool Disposed { get; private set; }

        public int WriteCalls { get; private set; }

        /// <summary>Request lines received, in order.</summary>
        public ArrayList Requests
        {
            get { return _requests; }
        }

        /// <summary>Replaces the greeting (before the client reads it) with another line.</summary>
        public void ReplaceGreeting(string line)
        {
            _output = new byte[0];
            _outputOffset = 0;
            AppendOutput(line);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _output.Length - _outputOffset;
            if (available == 0)
            {
                if (DropAfterRequests >= 0 && _requests.Count >= DropAfterRequests)
                {
                    return 0;
                }

                throw new NetworkException(NetworkFailure.Timeout, "scripted server sent nothing within " + ReadTimeoutMilliseconds + " ms");
            }

            int take = available;
            if (take > count)
            {
                take = count;
            }

            if (take > ReadChunkBytes)
            {
                take = ReadChunkBytes;
            }

            Array.Copy(_output, _outputOffset, buffer, offset, take);
            _outputOffset += take;
            return take;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Disposed)
            {
                throw new NetworkException(NetworkFailure.ConnectionLost, "written after dispose");
            }

            WriteCalls++;
            int end = offset + count;
            while (offset < end)
            {
                int consumed;
                LineFramerStatus status = _framer.Push(buffer, offset, end - offset, out consumed);
                offset += consumed;
                if (status == LineFramerStatus.Line)
                {
                    Answer(_framer.TakeLine());
                }
            }
        }

        public void Dispose()
        {
            Disposed = true;
        }

        private void Answer(string request)
        {
            _requests.Add(request);
            bool silent = SilentAfterRequests >= 0 && _requests.Count > SilentAfterRequests;
            bool dropped = DropAfterRequests >= 0 && _requests.Count > DropAfterRequests;
            if (silent || dropped)
            {
                return;
            }

            string[] fields = LookupFieldCodec.Split(request);
            if (fields != null && fields[0] == LookupProtocol.Authenticate && fields.Length == 3)
            {
                _authenticated = AuthenticationAnswer == null && _key != null && LookupAuthentication.IsValidProof(_key, Nonce, fields[1], fields[2]);
                _terminalId = fields[1];
                AppendOutput(AuthenticationAnswer != null ? AuthenticationAnswer : _authenticated ? "OK" : "ERRO|autenticacao recusada");
                return;
            }

            if (_key != null && !_authenticated)
            {
                AppendOutput("ERRO|nao autenticado");
                return;
            }

            byte[] raw = (byte[])RawAnswers[request];
            if (raw != null)
            {
                AppendBytes(raw);
                AppendBytes(new byte[] { (byte)'\r', (byte)'\n' });
                return;
            }

            string answer = (string)_answers[request];
            if (answer == null && fields != null)
            {
                answer = (string)CommandAnswers[fields[0]];
            }

            if (answer == null && Archive != null && fields != null)
            {
                answer = Archive.Answer(fields, _terminalId);
            }

            AppendOutput(answer == null ? DefaultAnswer : answer);
        }

        private void AppendOutput(string line)
        {
            AppendBytes(Encoding.UTF8.GetBytes(line + "\r\n"));
        }

        private void AppendBytes(byte[] bytes)
        {
            int remaining = _output.Length - _outputOffset;
            byte[] output = new byte[remaining + bytes.Length];
            Array.Copy(_output, _outputOffset, output, 0, remaining);
            Array.Copy(bytes, 0, output, remaining, bytes.Length);
            _output = output;
            _outputOffset = 0;
        }
    }
}
