using System;
using System.Text;
using Attendance.Core.Lookup;

namespace Attendance.Core.Security
{
    /// <summary>
    /// The e-mail's verification code (docs/protocol.md, "Verification code"): HMAC-SHA256 with the terminal's key
    /// over the roll's canonical content, its first 10 bytes in Crockford base32, shown "7KQ2-M9XD-4RTB-0HZC".
    /// The content is streamed: construct with the roll's header values, <see cref="AddPresence"/> each student in
    /// upload order, then <see cref="Finish"/>; nothing but the hash state is kept, whatever the roll's size.
    /// Values are passed exactly as the upload sends them (times already formatted by
    /// <c>UploadProtocol.FormatUtc</c>, an empty string for an empty field), so the server recomputes the same code
    /// from what it received or stored. <see cref="Normalise"/> reads a code a person typed or pasted.
    /// </summary>
    public class VerificationCode
    {
        /// <summary>First line of the canonical content; a new content layout would get a new version.</summary>
        public const string ContentVersion = "attendance-roll-v1";

        /// <summary>Bytes of the MAC kept: 80 bits.</summary>
        public const int MacBytes = 10;

        /// <summary>Characters of a code without its dashes.</summary>
        public const int Length = 16;

        /// <summary>Crockford's base32 alphabet: no I, L, O, U.</summary>
        public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

        /// <summary>A presence line's bytes are put together here (a code of 64 characters fits), so hashing allocates nothing per student.</summary>
        private const int LineBufferBytes = 256;

        private static readonly byte[] LineEnd = new byte[] { 0x0A };

        private readonly byte[] _line = new byte[LineBufferBytes];
        private readonly HmacSha256 _mac;
        private readonly int _count;
        private int _added;
        private bool _finished;

        /// <param name="key">The terminal's key, the same bytes as for AUTENTICAR.</param>
        /// <param name="count">Number of presences that <see cref="AddPresence"/> will add (0 to 10,000).</param>
        public VerificationCode(byte[] key, string terminalId, string rollId, string professor, string classCode, string openedUtc,
            string closedUtc, string lateAfterUtc, string auto, int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _mac = new HmacSha256(key);
            _count = count;
            AddLine(ContentVersion);
            AddLine(terminalId);
            AddLine(rollId);
            AddLine(professor);
            AddLine(classCode);
            AddLine(openedUtc);
            AddLine(closedUtc);
            AddLine(lateAfterUtc);
            AddLine(auto);
            AddLine(count.ToString());
        }

        /// <summary>The next presence, in upload order: "student|first swipe".</summary>
        public void AddPresence(string student, string firstSwipeUtc)
        {
            if (_added == _count)
            {
                throw new InvalidOperationException("More presences than the count the code was started with.");
            }

            AddLine(student + "|" + firstSwipeUtc);
            _added++;
        }

        /// <summary>
        /// As <see cref="AddPresence(string, string)"/> with the time as <c>UploadProtocol.FormatUtc</c> writes it,
        /// without making a string of it: the terminal hashes one per student on the board's heap.
        /// </summary>
        public void AddPresence(string student, DateTime firstSwipeUtc)
        {
            // UTF-8 takes at most 3 bytes per char of a string (a surrogate pair: 4 bytes for 2 chars).
            if (student == null || (student.Length * 3) + UploadProtocol.TimeLength + 2 > _line.Length)
            {
                AddPresence(student, UploadProtocol.FormatUtc(firstSwipeUtc));
                return;
            }

            if (_added == _count)
            {
                throw new InvalidOperationException("More presences than the count the code was started with.");
            }

            int length = Encoding.UTF8.GetBytes(student, 0, student.Length, _line, 0);
            _line[length++] = (byte)'|';
            UploadProtocol.WriteUtc(firstSwipeUtc, _line, length);
            length += UploadProtocol.TimeLength;
            _line[length++] = 0x0A;
            _mac.Append(_line, 0, length);
            _added++;
        }

        /// <summary>The code, "XXXX-XXXX-XXXX-XXXX". Throws when fewer presences were added than the count.</summary>
        public string Finish()
        {
            if (_finished)
            {
                throw new InvalidOperationException("The code is already finished.");
            }

            if (_added != _count)
            {
                throw new InvalidOperationException("The code was started for " + _count.ToString() + " presences and got " + _added.ToString() + ".");
            }

            _finished = true;
            return Group(Encode(_mac.Finish(), 0, MacBytes));
        }

        /// <summary>
        /// Crockford base32 of <paramref name="count"/> bytes, most significant bit first, upper case, no padding (the
        /// last character's spare low bits are zero). 10 bytes give exactly 16 characters.
        /// </summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            StringBuilder text = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (int i = offset; i < offset + count; i++)
            {
                buffer = (buffer << 8) | data[i];
                bits += 8;
                while (bits >= 5)
                {
                    bits -= 5;
                    text.Append(Alphabet[(buffer >> bits) & 31]);
                }

                buffer &= (1 << bits) - 1;
            }

            if (bits > 0)
            {
                text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
            }

            return text.ToString();
        }

        /// <summary>
        /// A code as people write it (lower case, with or without dashes or spaces, O for 0, I or L for 1) as its
        /// 16 upper-case characters without dashes; null when it is not a code (another length, a U or any other
        /// character outside the alphabet).
        /// </summary>
        public static string Normalise(string text)
        {
            if (text == null)
            {
                return null;
            }

            char[] given = text.ToCharArray();
            char[] code = new char[Length];
            int length = 0;
            for (int i = 0; i < given.Length; i++)
            {
                char c = given[i];
                if (c == '-' || c == ' ' || c == '\t')
                {
                    continue;
                }

                if (c >= 'a' && c <= 'z')
                {
                    c = (char)(c - 'a' + 'A');
                }

                if (c == 'O')
                {
                    c = '0';
                }
                else if (c == 'I' || c == 'L')
                {
                    c = '1';
                }

                if (Alphabet.IndexOf(c) < 0 || length == Length)
                {
                    return null;
                }

                code[length++] = c;
            }

            return length == Length ? new string(code) : null;
        }

        /// <summary>16 characters (a normalised code) as four groups of four joined by dashes.</summary>
        public static string Group(string normalised)
        {
            if (normalised == null || normalised.Length != Length)
            {
                throw new ArgumentException("A code has " + Length.ToString() + " characters.");
            }

            return normalised.Substring(0, 4) + "-" + normalised.Substring(4, 4) + "-" + normalised.Substring(8, 4) + "-" + normalised.Substring(12, 4);
        }

        private void AddLine(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value", "A field of the canonical content is missing (an empty field is an empty string).");
            }

            byte[] bytes = Encoding.UTF8.GetBytes(value);
            _mac.Append(bytes, 0, bytes.Length);
            _mac.Append(LineEnd, 0, 1);
        }
    }
}
