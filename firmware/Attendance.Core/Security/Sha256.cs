using System;

namespace Attendance.Core.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 section 6.2), incremental, for HMAC-SHA256 on boards whose core library has no
    /// cryptography. Feed bytes with <see cref="Append"/>, then call <see cref="Finish"/> once.
    /// </summary>
    public class Sha256
    {
        public const int HashBytes = 32;

        public const int BlockBytes = 64;

        // FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] RoundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockLength;
        private long _totalBytes;
        private bool _finished;

        public Sha256()
        {
            // FIPS 180-4 section 5.3.3: initial hash value.
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
        }

        /// <summary>Hashes <paramref name="data"/> in one call.</summary>
        public static byte[] Hash(byte[] data)
        {
            Sha256 hash = new Sha256();
            hash.Append(data, 0, data.Length);
            return hash.Finish();
        }

        public void Append(byte[] data, int offset, int count)
        {
            if (_finished)
            {
                throw new InvalidOperationException("The hash is already finished.");
            }

            _totalBytes += count;
            while (count > 0)
            {
                int take = BlockBytes - _blockLength;
                if (take > count)
                {
                    take = count;
                }

                Array.Copy(data, offset, _block, _blockLength, take);
                _blockLength += take;
                offset += take;
                count -= take;
                if (_blockLength == BlockBytes)
                {
                    ProcessBlock();
                    _blockLength = 0;
                }
            }
        }

        /// <summary>Pads (FIPS 180-4 section 5.1.1) and returns the 32-byte digest.</summary>
        public byte[] Finish()
        {
            if (_finished)
            {
                throw new InvalidOperationException("The hash is already finished.");
            }

            long bitLength = _totalBytes * 8;
            _block[_blockLength++] = 0x80;
            if (_blockLength > BlockBytes - 8)
            {
                while (_blockLength < BlockBytes)
                {
                    _block[_blockLength++] = 0;
                }

                ProcessBlock();
                _blockLength = 0;
            }

            while (_blockLength < BlockBytes - 8)
            {
                _block[_blockLength++] = 0;
            }

            for (int i = 7; i >= 0; i--)
            {
                _block[_blockLength++] = (byte)(bitLength >> (i * 8));
            }

            ProcessBlock();
            _finished = true;

            byte[] digest = new byte[HashBytes];
            for (int i = 0; i < 8; i++)
            {
                digest[i * 4] = (byte)(_state[i] >> 24);
                digest[i * 4 + 1] = (byte)(_state[i] >> 16);
                digest[i * 4 + 2] = (byte)(_state[i] >> 8);
                digest[i * 4 + 3] = (byte)_state[i];
            }

            return digest;
        }

        private static uint RotateRight(uint value, int bits)
        {
            return (value >> bits) | (value << (32 - bits));
        }

        // FIPS 180-4 section 6.2.2: the hash computation for one 512-bit block.
        private void ProcessBlock()
        {
            uint[] w = _schedule;
            for (int t = 0; t < 16; t++)
            {
                int i = t * 4;
                w[t] = ((uint)_block[i] << 24) | ((uint)_block[i + 1] << 16) | ((uint)_block[i + 2] << 8) | _block[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint s0 = RotateRight(w[t - 15], 7) ^ RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
                uint s1 = RotateRight(w[t - 2], 17) ^ RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
                w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
            }

            uint a = _state[0];
            uint b = _state[1];
            uint c = _state[2];
            uint d = _state[3];
            uint e = _state[4];
            uint f = _state[5];
            uint g = _state[6];
            uint h = _state[7];

            for (int t = 0; t < 64; t++)
            {
                uint sum1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
                uint choose = (e & f) ^ (~e & g);
                uint temp1 = unchecked(h + sum1 + choose + RoundConstants[t] + w[t]);
                uint sum0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                uint temp2 = unchecked(sum0 + majority);
                h = g;
                g = f;
                f = e;
                e = unchecked(d + temp1);
                d = c;
                c = b;
                b = a;
                a = unchecked(temp1 + temp2);
            }

            _state[0] = unchecked(_state[0] + a);
            _state[1] = unchecked(_state[1] + b);
            _state[2] = unchecked(_state[2] + c);
            _state[3] = unchecked(_state[3] + d);
            _state[4] = unchecked(_state[4] + e);
            _state[5] = unchecked(_state[5] + f);
            _state[6] = unchecked(_state[6] + g);
            _state[7] = unchecked(_state[7] + h);
        }
    }
}
