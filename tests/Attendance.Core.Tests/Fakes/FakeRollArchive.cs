using System.Collections;
using Attendance.Core.Lookup;
using Attendance.Core.Security;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// The server's side of the roll upload as docs/protocol.md ("Uploading a roll") describes it, for
    /// <see cref="ScriptedLookupConnection"/>: CHAMADA opens an upload, each PRESENCA is counted, FIMCHAMADA checks the
    /// count and the verification code (recomputed with the key from what was received) and stores the roll once per
    /// roll id. Shared by several connections, so a retried upload meets the roll stored by the first one.
    /// </summary>
    public class FakeRollArchive
    {
        private readonly byte[] _key;
        private readonly Hashtable _stored = new Hashtable();
        private readonly Hashtable _presenceCounts = new Hashtable();
        private string[] _header;
        private VerificationCode _code;
        private int _presences;

        public FakeRollArchive(byte[] key)
        {
            _key = key;
        }

        /// <summary>FIMCHAMADA lines received (a retried upload counts again).</summary>
        public int Completions { get; private set; }

        /// <summary>Rolls stored (a retried upload of a stored roll does not count).</summary>
        public int StoredCount
        {
            get { return _stored.Count; }
        }

        /// <summary>The verification code stored with a roll id; null when that roll is not stored.</summary>
        public string CodeOf(string rollId)
        {
            return (string)_stored[rollId];
        }

        /// <summary>The number of presences stored with a roll id; -1 when that roll is not stored.</summary>
        public int PresencesOf(string rollId)
        {
            object count = _presenceCounts[rollId];
            return count == null ? -1 : (int)count;
        }

        /// <summary>The answer to an upload line, or null when <paramref name="fields"/> is not one.</summary>
        public virtual string Answer(string[] fields, string terminalId)
        {
            string command = fields[0];
            if (command == UploadProtocol.RollStart && fields.Length == 9)
            {
                int count = LookupTime.ParseNumber(fields[8], 5);
                if (count < 0)
                {
                    _header = null;
                    return "ERRO|campo 8 vazio ou longo demais";
                }

                _header = fields;
                _presences = 0;
                _code = new VerificationCode(_key, terminalId, fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], count);
                return LookupProtocol.Ok;
            }

            if (command == UploadProtocol.Presence && fields.Length == 3)
            {
                if (_header == null)
                {
                    return "ERRO|chamada sem inicio";
                }

                if (_presences == LookupTime.ParseNumber(_header[8], 5))
                {
                    _header = null;
                    return "ERRO|presencas demais";
                }

                _code.AddPresence(fields[1], fields[2]);
                _presences++;
                return LookupProtocol.Ok;
            }

            if (command == UploadProtocol.RollEnd && fields.Length == 3)
            {
                Completions++;
                string[] header = _header;
                _header = null;
                if (header == null)
                {
                    return "ERRO|chamada sem inicio";
                }

                if (header[1] != fields[1] || _presences != LookupTime.ParseNumber(header[8], 5))
                {
                    return "ERRO|chamada incompleta";
                }

                if (_code.Finish() != fields[2])
                {
                    return "ERRO|codigo de verificacao invalido";
                }

                if (_stored[fields[1]] == null)
                {
                    _stored[fields[1]] = fields[2];
                    _presenceCounts[fields[1]] = _presences;
                }

                return UploadProtocol.RollStored + "|" + fields[1];
            }

            return null;
        }
    }
}
