namespace Attendance.Core.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 with SHA-256, test vectors in RFC 4231): in one call (<see cref="Compute(byte[], byte[])"/>),
    /// or incrementally (construct with the key, <see cref="Append"/> the message piece by piece, <see cref="Finish"/>
    /// once), so a message streamed from flash (a roll's verification code) is never held whole in RAM.
    /// </summary>
    public class HmacSha256
    {
        private readonly byte[] _blockKey = new byte[Sha256.BlockBytes];
        private readonly Sha256 _inner = new Sha256();

        /// <summary>Starts a MAC with <paramref name="key"/> (any length, empty included).</summary>
        public HmacSha256(byte[] key)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }

            // RFC 2104 section 2: keys longer than the block are hashed first; shorter ones are zero-padded.
            byte[] source = key.Length > Sha256.BlockBytes ? Sha256.Hash(key) : key;
            for (int i = 0; i < source.Length; i++)
            {
                _blockKey[i] = source[i];
            }

            byte[] pad = Pad(0x36);
            _inner.Append(pad, 0, pad.Length);
        }

        public static byte[] Compute(byte[] key, byte[] message)
        {
            return Compute(key, message, 0, message.Length);
        }

        public static byte[] Compute(byte[] key, byte[] message, int offset, int count)
        {
            HmacSha256 mac = new HmacSha256(key);
            mac.Append(message, offset, count);
            return mac.Finish();
        }

        /// <summary>Adds the next piece of the message.</summary>
        public void Append(byte[] data, int offset, int count)
        {
            _inner.Append(data, offset, count);
        }

        /// <summary>The 32-byte MAC of everything appended; call once.</summary>
        public byte[] Finish()
        {
            byte[] innerHash = _inner.Finish();
            byte[] pad = Pad(0x5c);
            Sha256 outer = new Sha256();
            outer.Append(pad, 0, pad.Length);
            outer.Append(innerHash, 0, innerHash.Length);
            return outer.Finish();
        }

        private byte[] Pad(int value)
        {
            byte[] pad = new byte[Sha256.BlockBytes];
            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(_blockKey[i] ^ value);
            }

            return pad;
        }
    }
}
