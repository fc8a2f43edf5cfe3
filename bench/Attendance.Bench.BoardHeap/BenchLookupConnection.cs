using System;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Health;
using Attendance.Core.Lookup;

namespace Attendance.Bench.BoardHeap
{
    /// <summary>
    /// The lookup server of the heap probe: it greets with a nonce, checks AUTENTICAR with Core's HMAC, and computes
    /// each answer from the request (student S&lt;n&gt; is "Aluno Nº n", enrolled when n is even), so no table of
    /// answers and no log of requests sits in the heap being measured. Its only heap is the answers sent but not yet
    /// read (the bytes a real server's replies would occupy in the socket); <see cref="PeakPendingBytes"/> reports it.
    /// </summary>
    public class BenchLookupConnection : INetworkConnection
    {
        public const string Nonce = "0123456789abcdef0123456789abcdef";
        public const string Professor = "P1001";
        public const string ProfessorEmail = "prof@school.example";

        private readonly byte[] _key;
        private readonly LookupLineFramer _framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);
        /// <summary>
        /// Answers not read yet. On a board they wait in the TCP stack's buffers, outside the managed heap; here
        /// they wait in one array of <see cref="WireBytes"/> allocated before anything is measured (as the stand-in
        /// flash, see <see cref="BenchStore"/>), so the heap figures count only the terminal's own memory.
        /// </summary>
        public const int WireBytes = 32 * 1024;

        private static readonly byte[] Wire = new byte[WireBytes];
        private int _start;
        private int _end;
        private bool _authenticated;

        public BenchLookupConnection(byte[] key)
        {
            _key = key;
            _start = 0;
            _end = 0;
            Send("OLA|1|" + Nonce);
        }

        public int ReadTimeoutMilliseconds { get; set; }

        public bool IsSecure
        {
            get { return false; }
        }

        /// <summary>NOMEALUNO requests answered with a name, over all connections.</summary>
        public static int StudentNamesAnswered;

        /// <summary>CHAMADA and PRESENCA lines of the roll upload answered, over all connections.</summary>
        public static int RollLinesAnswered;

        /// <summary>FIMCHAMADA lines answered CHAMADAGUARDADA, over all connections.</summary>
        public static int RollsStored;

        /// <summary>SAUDE lines answered (heartbeats received whole).</summary>
        public static int HeartbeatsAnswered;

        /// <summary>Most answer bytes waiting to be read at any time.</summary>
        public static int PeakPendingBytes;

        /// <summary>Allocates the wire now (the "idle" scenario calls it, so idle includes it).</summary>
        public static int Reserve()
        {
            return Wire.Length;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _end - _start;
            if (available == 0)
            {
                throw new NetworkException(NetworkFailure.Timeout, "bench lookup server has nothing to send");
            }

            int take = available < count ? available : count;
            Array.Copy(Wire, _start, buffer, offset, take);
            _start += take;
            if (_start == _end)
            {
                _start = 0;
                _end = 0;
            }

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
                    Answer(_framer.TakeLine());
                }
            }
        }

        public void Dispose()
        {
        }

        private void Answer(string request)
        {
            string[] fields = LookupFieldCodec.Split(request);
            if (fields == null || fields.Length == 0)
            {
                Send("ERRO|pedido ilegivel");
                return;
            }

            string command = fields[0];
            if (command == LookupProtocol.Authenticate && fields.Length == 3)
            {
                _authenticated = LookupAuthentication.IsValidProof(_key, Nonce, fields[1], fields[2]);
                Send(_authenticated ? LookupProtocol.Ok : "ERRO|autenticacao recusada");
                return;
            }

            if (!_authenticated)
            {
                Send("ERRO|nao autenticado");
                return;
            }

            Send(AnswerTo(command, fields));
        }

        private static string AnswerTo(string command, string[] fields)
        {
            string subject = fields.Length > 1 ? fields[1] : "";
            if (command == LookupProtocol.IsProfessor)
            {
                return subject == Professor ? ProfessorEmail : LookupProtocol.NotProfessor;
            }

            if (command == LookupProtocol.ProfessorName)
            {
                return "Conceição Araújo";
            }

            if (command == LookupProtocol.ClassAtTime)
            {
                return "C1";
            }

            if (command == LookupProtocol.CourseOfClass)
            {
                return "K1";
            }

            if (command == LookupProtocol.ClassName)
            {
                return "Cálculo I";
            }

            if (command == LookupProtocol.ClassStart)
            {
                return "08:00";
            }

            if (command == LookupProtocol.CourseName)
            {
                return "Engenharia Informática";
            }

            // The roll upload (step 5): taken and acknowledged, not kept (a server's storage is not the terminal's heap).
            if (command == UploadProtocol.RollStart || command == UploadProtocol.Presence)
            {
                RollLinesAnswered++;
                return LookupProtocol.Ok;
            }

            if (command == UploadProtocol.RollEnd)
            {
                RollsStored++;
                return UploadProtocol.RollStored + "|" + subject;
            }

            // The heartbeat (docs/protocol.md, "Terminal health"): its lines taken, no request pending.
            if (command == HealthProtocol.LogLine || command == HealthProtocol.FailedRoll)
            {
                return LookupProtocol.Ok;
            }

            if (command == HealthProtocol.Report)
            {
                HeartbeatsAnswered++;
                return HealthProtocol.Requests;
            }

            int student = StudentNumber(subject);
            if (command == LookupProtocol.StudentName)
            {
                if (student < 0)
                {
                    return LookupProtocol.NotStudent;
                }

                StudentNamesAnswered++;
                return "Aluno Nº " + student.ToString();
            }

            if (command == LookupProtocol.IsEnrolled)
            {
                return student >= 0 && student % 2 == 0 ? LookupProtocol.Enrolled : LookupProtocol.NotEnrolled;
            }

            return "ERRO|pedido desconhecido";
        }

        /// <summary>n for a student code "S" followed by digits, -1 otherwise.</summary>
        private static int StudentNumber(string code)
        {
            if (code.Length < 2 || code[0] != 'S')
            {
                return -1;
            }

            int number = 0;
            for (int i = 1; i < code.Length; i++)
            {
                char c = code[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                number = number * 10 + (c - '0');
            }

            return number;
        }

        private void Send(string line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
            if (_end + bytes.Length > Wire.Length)
            {
                // Unread answers move to the front; they never exceed the wire (the roll's answers are a few KB).
                int pending = _end - _start;
                if (pending + bytes.Length > Wire.Length)
                {
                    throw new InvalidOperationException("the heap probe's lookup wire is full");
                }

                Array.Copy(Wire, _start, Wire, 0, pending);
                _start = 0;
                _end = pending;
            }

            Array.Copy(bytes, 0, Wire, _end, bytes.Length);
            _end += bytes.Length;
            if (_end - _start > PeakPendingBytes)
            {
                PeakPendingBytes = _end - _start;
            }
        }
    }
}
