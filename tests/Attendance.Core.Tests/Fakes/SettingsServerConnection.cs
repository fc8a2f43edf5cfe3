using System;
using System.Collections;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// A lookup server that knows HORA and CONFIGURACAO (docs/protocol.md, "Time and settings from the server"),
    /// computing its proofs with Core's <see cref="ServerProof"/> like the real server, and able to misbehave: an old
    /// server (HORA unknown), proofs made with another key (forged) or for another terminal nonce (replayed), a slow
    /// answer (the fake clock moves on while it "travels"). Each answer is made when the client reads it, from the
    /// requests kept in order, so the fake holds one answer at a time (the board heap probe runs it too).
    /// </summary>
    public class SettingsServerConnection : INetworkConnection
    {
        public const string Nonce = "00112233445566778899aabbccddeeff";

        private readonly byte[] _key;
        private readonly FakeClock _clock;
        private readonly LookupLineFramer _framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        private readonly ArrayList _requests = new ArrayList();
        private readonly ArrayList _pending = new ArrayList();
        private byte[] _output = new byte[0];
        private int _outputOffset;
        private bool _authenticated;
        private string _terminalNonce;

        public SettingsServerConnection(byte[] key, FakeClock clock)
        {
            _key = key;
            _clock = clock;
            ProofKey = key;
            ServerUtc = new DateTime(2026, 11, 30, 10, 0, 0);
            Version = "1";
            Keys = new string[0];
            Values = new string[0];
            KnowsTime = true;
            AppendOutput("OLA|1|" + Nonce);
        }

        /// <summary>The time HORA announces.</summary>
        public DateTime ServerUtc;

        public string Version;

        public string[] Keys;

        public string[] Values;

        /// <summary>False for a server older than HORA: it answers "comando desconhecido".</summary>
        public bool KnowsTime;

        /// <summary>The key the proofs are made with (another key: a forger).</summary>
        public byte[] ProofKey;

        /// <summary>When set, the proofs are made for this terminal nonce instead of the one asked with (a replay).</summary>
        public string ReplayedTerminalNonce;

        /// <summary>Milliseconds the fake clock moves on between the request and HORA's answer.</summary>
        public int RoundTripMilliseconds;

        public int ReadTimeoutMilliseconds { get; set; }

        public bool IsSecure
        {
            get { return false; }
        }

        /// <summary>Request lines received, in order.</summary>
        public ArrayList Requests
        {
            get { return _requests; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _output.Length - _outputOffset;
            while (available == 0 && _pending.Count > 0)
            {
                string request = (string)_pending[0];
                _pending.RemoveAt(0);
                Answer(request);
                available = _output.Length - _outputOffset;
            }

            if (available == 0)
            {
                throw new NetworkException(NetworkFailure.Timeout, "the settings server sent nothing");
            }

            int take = available < count ? available : count;
            Array.Copy(_output, _outputOffset, buffer, offset, take);
            _outputOffset += take;
            return take;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            while (offset < end)
            {
                int consumed;
                LineFramerStatus status = _framer.Push(buffer, offset, end - offset, out consumed);
                offset += consumed;
                if (status == LineFramerStatus.Line)
                {
                    string request = _framer.TakeLine();
                    _requests.Add(request);
                    _pending.Add(request);
                }
            }
        }

        public void Dispose()
        {
        }

        private void Answer(string request)
        {
            string[] fields = LookupFieldCodec.Split(request);
            if (fields[0] == LookupProtocol.Authenticate)
            {
                _authenticated = LookupAuthentication.IsValidProof(_key, Nonce, fields[1], fields[2]);
                AppendOutput(_authenticated ? "OK" : "ERRO|autenticacao recusada");
                return;
            }

            if (!KnowsTime)
            {
                AppendOutput("ERRO|comando desconhecido");
                return;
            }

            if (!_authenticated)
            {
                AppendOutput("ERRO|nao autenticado");
                return;
            }

            string count = Keys.Length.ToString();
            if (fields[0] == LookupProtocol.ServerTime)
            {
                _terminalNonce = ReplayedTerminalNonce != null ? ReplayedTerminalNonce : fields[1];
                _clock.Advance(RoundTripMilliseconds);
                string milliseconds = ServerProof.FormatUnixMilliseconds(ServerUtc);
                string proof = ServerProof.Compute(ProofKey, ServerProof.TimeText(Nonce, _terminalNonce, milliseconds, Version, count));
                AppendOutput(LookupFieldCodec.Join(new string[] { LookupProtocol.ServerTime, milliseconds, Version, count, proof }));
                return;
            }

            int index = int.Parse(fields[1]);
            string line = ServerProof.Compute(ProofKey, ServerProof.SettingsLineText(Nonce, _terminalNonce, Version, count, fields[1], Keys[index], Values[index]));
            AppendOutput(LookupFieldCodec.Join(new string[] { LookupProtocol.Settings, Version, count, fields[1], Keys[index], Values[index], line }));
        }

        /// <summary>Called only when everything before was read: the answer replaces the output.</summary>
        private void AppendOutput(string line)
        {
            _output = Encoding.UTF8.GetBytes(line + "\r\n");
            _outputOffset = 0;
        }
    }
}
