namespace Attendance.Core.Security
{
    /// <summary>HMAC-SHA256 (RFC 2104 with SHA-256, test vectors in RFC 4231).</summary>
    public static class HmacSha256
    {
        public static byte[] Compute(byte[] key, byte[] message)
        {
            return Compute(key, message, 0, message.Length);
        }

        public static byte[] Compute(byte[] key, byte[] message, int offset, int count)
        {
            // RFC 2104 section 2: keys longer than the block are hashed first; shorter ones are zero-padded.
            byte[] blockKey = new byte[Sha256.BlockBytes];
            if (key.Length > Sha256.BlockBytes)
            {
                byte[] hashedKey = Sha256.Hash(key);
                for (int i = 0; i < hashedKey.Length; i++)
                {
                    blockKey[i] = hashedKey[i];
                }
            }
            else
            {
                for (int i = 0; i < key.Length; i++)
                {
                    blockKey[i] = key[i];
                }
            }

            byte[] pad = new byte[Sha256.BlockBytes];
            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(blockKey[i] ^ 0x36);
            }

            Sha256 inner = new Sha256();
            inner.Append(pad, 0, pad.Length);
            inner.Append(message, offset, count);
            byte[] innerHash = inner.Finish();

            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(blockKey[i] ^ 0x5c);
            }

            Sha256 outer = new Sha256();
            outer.Append(pad, 0, pad.Length);
            outer.Append(innerHash, 0, innerHash.Length);
            return outer.Finish();
        }
    }
}
