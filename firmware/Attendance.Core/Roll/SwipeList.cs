using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The students of one roll, in swipe order, in memory reserved once: codes as ASCII bytes in fixed-size
    /// slots, first-swipe times as ticks, and an open-addressing hash table of slot numbers for duplicate checks.
    /// Adding and looking up allocate nothing; strings are made only when the roll is handed over.
    /// At 400 students of up to 20 characters this is about 34 bytes per student (20 code, 1 length, 8 time,
    /// 5 hash), against about 100 for a list of (string, DateTime) plus a set of strings.
    /// </summary>
    public class SwipeList
    {
        private readonly int capacity;
        private readonly int maximumCodeLength;
        private readonly byte[] codes;
        private readonly byte[] lengths;
        private readonly long[] ticks;

        // Slot number plus one, 0 meaning empty. Size is a power of two at least twice the capacity, so probe
        // sequences stay short; short is enough because capacity is limited to 16383.
        private readonly short[] buckets;
        private readonly int bucketMask;
        private int count;

        public SwipeList(int capacity, int maximumCodeLength)
        {
            if (capacity < 1 || capacity > 16383)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            if (maximumCodeLength < 1 || maximumCodeLength > 255)
            {
                throw new ArgumentOutOfRangeException("maximumCodeLength");
            }

            this.capacity = capacity;
            this.maximumCodeLength = maximumCodeLength;
            codes = new byte[capacity * maximumCodeLength];
            lengths = new byte[capacity];
            ticks = new long[capacity];
            int bucketCount = 1;
            while (bucketCount < capacity * 2)
            {
                bucketCount <<= 1;
            }

            buckets = new short[bucketCount];
            bucketMask = bucketCount - 1;
        }

        public int Count
        {
            get { return count; }
        }

        public int Capacity
        {
            get { return capacity; }
        }

        public bool IsFull
        {
            get { return count == capacity; }
        }

        /// <summary>Slot of the code, or -1. The code is ASCII in <paramref name="code"/>[0..length).</summary>
        public int IndexOf(char[] code, int length)
        {
            int bucket = Hash(code, length) & bucketMask;
            while (true)
            {
                int slot = buckets[bucket] - 1;
                if (slot < 0)
                {
                    return -1;
                }

                if (SlotEquals(slot, code, length))
                {
                    return slot;
                }

                bucket = (bucket + 1) & bucketMask;
            }
        }

        /// <summary>Stores a code not yet present; the caller checked <see cref="IndexOf"/> and <see cref="IsFull"/>.</summary>
        public void Add(char[] code, int length, long utcTicks)
        {
            if (count == capacity)
            {
                throw new InvalidOperationException("The roll is full.");
            }

            if (length < 1 || length > maximumCodeLength)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            int slot = count;
            int start = slot * maximumCodeLength;
            for (int index = 0; index < length; index++)
            {
                codes[start + index] = (byte)code[index];
            }

            lengths[slot] = (byte)length;
            ticks[slot] = utcTicks;
            int bucket = Hash(code, length) & bucketMask;
            while (buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & bucketMask;
            }

            buckets[bucket] = (short)(slot + 1);
            count++;
        }

        public long TicksAt(int slot)
        {
            CheckSlot(slot);
            return ticks[slot];
        }

        public int CodeLengthAt(int slot)
        {
            CheckSlot(slot);
            return lengths[slot];
        }

        /// <summary>Copies the code in <paramref name="slot"/> as ASCII bytes; returns its length.</summary>
        public int CopyCodeBytes(int slot, byte[] destination, int offset)
        {
            CheckSlot(slot);
            int length = lengths[slot];
            Array.Copy(codes, slot * maximumCodeLength, destination, offset, length);
            return length;
        }

        /// <summary>The code in <paramref name="slot"/> as a new string (allocates: for hand-over only).</summary>
        public string CodeAt(int slot)
        {
            CheckSlot(slot);
            int length = lengths[slot];
            int start = slot * maximumCodeLength;
            char[] characters = new char[length];
            for (int index = 0; index < length; index++)
            {
                characters[index] = (char)codes[start + index];
            }

            return new string(characters);
        }

        public void Clear()
        {
            Array.Clear(buckets, 0, buckets.Length);
            count = 0;
        }

        /// <summary>FNV-1a, 32 bits: fast and spreads short codes well enough for a table at most half full.</summary>
        public static int Hash(char[] code, int length)
        {
            uint hash = 2166136261;
            for (int index = 0; index < length; index++)
            {
                hash ^= code[index];
                hash *= 16777619;
            }

            return (int)(hash & 0x7FFFFFFF);
        }

        private bool SlotEquals(int slot, char[] code, int length)
        {
            if (lengths[slot] != length)
            {
                return false;
            }

            int start = slot * maximumCodeLength;
            for (int index = 0; index < length; index++)
            {
                if (codes[start + index] != code[index])
                {
                    return false;
                }
            }

            return true;
        }

        private void CheckSlot(int slot)
        {
            if (slot < 0 || slot >= count)
            {
                throw new ArgumentOutOfRangeException("slot");
            }
        }
    }
}
