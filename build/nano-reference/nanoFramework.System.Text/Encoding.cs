// Package: nanoFramework.System.Text 1.3.42 (assembly nanoFramework.System.Text)
// Reference API only: signatures as in nanoframework/nanoFramework.System.Text (Text/Encoding.cs, UTF8Encoding.cs,
// Decoder.cs, main at 1.3.4 of 2025-01, the newest source read), bodies throw null. Note what the board
// lacks: no GetString(byte[]) without index and count, no GetByteCount, no Encoding.ASCII. README.md beside.

namespace System.Text
{
    [Serializable]
    public abstract class Encoding
    {
        public virtual byte[] GetBytes(string s) { throw null; }
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public virtual char[] GetChars(byte[] bytes) { throw null; }
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
        public abstract Decoder GetDecoder();
        public static Encoding UTF8 { get { throw null; } }
    }

    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { }
        public override byte[] GetBytes(string s) { throw null; }
        public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public override char[] GetChars(byte[] bytes) { throw null; }
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public override Decoder GetDecoder() { throw null; }
    }

    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount,
            char[] chars, int charIndex, int charCount, bool flush,
            out int bytesUsed, out int charsUsed, out bool completed);
    }
}
