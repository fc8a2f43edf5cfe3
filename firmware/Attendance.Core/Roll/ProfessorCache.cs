using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// Professors recently confirmed by the lookup server, so a professor can open a roll while the server is
    /// unreachable, and so a student swipe can be checked for "another professor" without the network.
    /// Policy (docs/roll.md): at most <see cref="RollOptions.ProfessorCacheCapacity"/> entries; an entry is added
    /// or refreshed when the server confirms the card, removed when the server says NAOEHPROFESSOR, and no longer
    /// counts after <see cref="RollOptions.ProfessorCacheDays"/> days without confirmation; when full, the
    /// longest-unconfirmed entry gives way. Kept in the durable store (replaced whole, with a CRC-32) so it
    /// survives a reboot; a damaged record is read as an empty cache.
    /// </summary>
    public class ProfessorCache
    {
        private const byte FormatVersion = 1;

        /// <summary>Ticks of 2200-01-01T00:00:00Z: a later confirmation time is damage.</summary>
        private const long LatestTicks = 693937152000000000;

        private readonly IDurableStore store;
        private readonly string recordName;
        private readonly int capacity;
        private readonly long lifetimeTicks;
        private readonly string[] codes;
        private readonly long[] confirmedTicks;
        private int count;

        public ProfessorCache(IDurableStore store, string recordName, int capacity, int lifetimeDays)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (capacity < 0 || capacity > 255)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            if (lifetimeDays < 1)
            {
                throw new ArgumentOutOfRangeException("lifetimeDays");
            }

            this.store = store;
            this.recordName = recordName;
            this.capacity = capacity;
            lifetimeTicks = TimeSpan.TicksPerDay * lifetimeDays;
            codes = new string[capacity];
            confirmedTicks = new long[capacity];
        }

        /// <summary>Entries held, expired or not.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>True when <paramref name="code"/> was confirmed as a professor within the lifetime before <paramref name="nowUtc"/>.</summary>
        public bool Contains(char[] code, int length, DateTime nowUtc)
        {
            int index = IndexOf(code, length);
            return index >= 0 && IsFresh(index, nowUtc.Ticks);
        }

        public bool Contains(string code, DateTime nowUtc)
        {
            int index = IndexOf(code);
            return index >= 0 && IsFresh(index, nowUtc.Ticks);
        }

        /// <summary>Records that the server confirmed <paramref name="code"/> now, and saves the cache.</summary>
        public void Confirm(string code, DateTime nowUtc)
        {
            if (capacity == 0)
            {
                return;
            }

            int index = IndexOf(code);
            if (index < 0)
            {
                index = count < capacity ? count++ : OldestIndex();
                codes[index] = code;
            }

            confirmedTicks[index] = nowUtc.Ticks;
            Save();
        }

        /// <summary>Removes <paramref name="code"/> after the server denied it is a professor's; saves when it was held.</summary>
        public void Forget(string code)
        {
            int index = IndexOf(code);
            if (index < 0)
            {
                return;
            }

            count--;
            codes[index] = codes[count];
            confirmedTicks[index] = confirmedTicks[count];
            codes[count] = null;
            Save();
        }

        /// <summary>True when the last <see cref="Load"/> found a damaged record (and so left the cache empty).</summary>
        public bool DamageFound { get; private set; }

        /// <summary>
        /// Reads the saved cache; a missing or damaged record leaves it empty. Damaged means anything the writer
        /// cannot have written: a wrong CRC, a version or entry count out of range, an entry running past the
        /// end or bytes left after the last one, an empty code or one with a control character, or a
        /// confirmation time before 0 or after the year 2200.
        /// </summary>
        public void Load()
        {
            count = 0;
            DamageFound = false;
            byte[] data = store.Read(recordName);
            if (data == null)
            {
                return;
            }

            if (!Parse(data))
            {
                count = 0;
                DamageFound = true;
            }
        }

        private bool Parse(byte[] data)
        {
            if (data.Length < 6 || data[0] != FormatVersion)
            {
                return false;
            }

            int end = data.Length - 4;
            if (Crc32.Compute(data, 0, end) != LittleEndian.ReadUInt32(data, end))
            {
                return false;
            }

            int entries = data[1];
            if (entries > capacity)
            {
                return false;
            }

            int position = 2;
            for (int entry = 0; entry < entries; entry++)
            {
                if (position + 9 > end)
                {
                    return false;
                }

                long ticks = LittleEndian.ReadInt64(data, position);
                int length = data[position + 8];
                position += 9;
                if (ticks < 0 || ticks > LatestTicks || length == 0 || position + length > end)
                {
                    return false;
                }

                char[] characters = new char[length];
                for (int index = 0; index < length; index++)
                {
                    byte character = data[position + index];
                    if (character < 0x20 || character > 0x7E)
                    {
                        return false;
                    }

                    characters[index] = (char)character;
                }

                position += length;
                codes[count] = new string(characters);
                confirmedTicks[count] = ticks;
                count++;
            }

            return position == end;
        }

        private void Save()
        {
            int size = 2 + 4;
            for (int index = 0; index < count; index++)
            {
                size += 9 + codes[index].Length;
            }

            byte[] data = new byte[size];
            data[0] = FormatVersion;
            data[1] = (byte)count;
            int position = 2;
            for (int index = 0; index < count; index++)
            {
                LittleEndian.WriteInt64(data, position, confirmedTicks[index]);
                string code = codes[index];
                data[position + 8] = (byte)code.Length;
                position += 9;
                for (int character = 0; character < code.Length; character++)
                {
                    data[position + character] = (byte)code[character];
                }

                position += code.Length;
            }

            LittleEndian.WriteUInt32(data, position, Crc32.Compute(data, 0, position));
            store.Replace(recordName, data, 0, data.Length);
        }

        private bool IsFresh(int index, long nowTicks)
        {
            long age = nowTicks - confirmedTicks[index];
            return age >= 0 && age <= lifetimeTicks;
        }

        private int OldestIndex()
        {
            int oldest = 0;
            for (int index = 1; index < count; index++)
            {
                if (confirmedTicks[index] < confirmedTicks[oldest])
                {
                    oldest = index;
                }
            }

            return oldest;
        }

        private int IndexOf(string code)
        {
            for (int index = 0; index < count; index++)
            {
                if (codes[index] == code)
                {
                    return index;
                }
            }

            return -1;
        }

        private int IndexOf(char[] code, int length)
        {
            for (int index = 0; index < count; index++)
            {
                string candidate = codes[index];
                if (candidate.Length != length)
                {
                    continue;
                }

                int position = 0;
                while (position < length && candidate[position] == code[position])
                {
                    position++;
                }

                if (position == length)
                {
                    return index;
                }
            }

            return -1;
        }
    }
}
