namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Streaming base64 (RFC 2045 section 6.8) with 76-character lines: 57 input bytes make one line. Holds at
    /// most 57 bytes, so an attachment of any size is encoded without building it in memory.
    /// </summary>
    public class Base64LineEncoder
    {
        /// <summary>Input bytes per 76-character output line.</summary>
        public const int BytesPerLine = 57;

        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private readonly MessageOutput _output;
        private readonly byte[] _pending = new byte[BytesPerLine];
        private int _pendingCount;

        public Base64LineEncoder(MessageOutput output)
        {
            _output = output;
        }

        public void Write(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _pending[_pendingCount++] = data[offset + i];
                if (_pendingCount == BytesPerLine)
                {
                    EmitLine();
                }
            }
        }

        /// <summary>Writes the last partial line with '=' padding. The encoder must not be used afterwards.</summary>
        public void Finish()
        {
            if (_pendingCount > 0)
            {
                EmitLine();
            }
        }

        private void EmitLine()
        {
            int i = 0;
            while (i + 3 <= _pendingCount)
            {
                int triple = (_pending[i] << 16) | (_pending[i + 1] << 8) | _pending[i + 2];
                EmitChar(triple >> 18);
                EmitChar(triple >> 12);
                EmitChar(triple >> 6);
                EmitChar(triple);
                i += 3;
            }

            int remaining = _pendingCount - i;
            if (remaining == 1)
            {
                int value = _pending[i] << 16;
                EmitChar(value >> 18);
                EmitChar(value >> 12);
                _output.WriteByte((byte)'=');
                _output.WriteByte((byte)'=');
            }
            else if (remaining == 2)
            {
                int value = (_pending[i] << 16) | (_pending[i + 1] << 8);
                EmitChar(value >> 18);
                EmitChar(value >> 12);
                EmitChar(value >> 6);
                _output.WriteByte((byte)'=');
            }

            _output.WriteCrLf();
            _pendingCount = 0;
        }

        private void EmitChar(int sixBits)
        {
            _output.WriteByte((byte)Alphabet[sixBits & 63]);
        }
    }
}
