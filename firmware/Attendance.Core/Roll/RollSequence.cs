using System;
using Attendance.Core.Hardware;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The terminal's durable roll counter, the last part of every roll identity (<see cref="RollIdentity"/>), so
    /// no two rolls of a terminal share an identity across restarts, power cuts and clock steps. A number is
    /// reserved (written) before the roll's Open record is journaled; a number written but never used is simply
    /// skipped: only uniqueness matters, never density.
    /// Kept in two copies, "name.a" and "name.b", each <c>"RSQ" | version (1) | value (8) | CRC-32 (4)</c>;
    /// a reservation overwrites the copy holding the smaller value, so a power cut during the write leaves the
    /// other copy, which holds the latest number used, intact. On loading:
    /// - both copies valid: the larger value;
    /// - one copy missing or damaged: the other's value plus one (the lost copy held at most that);
    /// - none valid, and the store holds nothing else: a new terminal, counting from 1;
    /// - none valid otherwise: the next reservation jumps to the seconds elapsed since 2020-01-01 by the clock
    ///   (far above any count of rolls a terminal can have opened since), or past the journal's number if higher.
    /// The open roll's journal also carries its number, and loading never goes below it.
    /// </summary>
    public class RollSequence
    {
        /// <summary>Bytes of one copy.</summary>
        public const int RecordSize = 3 + 1 + 8 + 4;

        public const byte FormatVersion = 1;

        /// <summary>The jump after a lost counter counts seconds from here (no roll opens before: AttendanceRoll.FirstValidYear).</summary>
        public static readonly long JumpEpochTicks = new DateTime(2020, 1, 1).Ticks;

        private readonly IDurableStore store;
        private readonly string nameA;
        private readonly string nameB;
        private readonly byte[] record = new byte[RecordSize];

        private long current;
        private bool newestInA;
        private bool jumpPending;

        public RollSequence(IDurableStore store, string name)
        {
            this.store = store;
            nameA = name + ".a";
            nameB = name + ".b";
        }

        /// <summary>The last number reserved (0 before the first roll of a new terminal).</summary>
        public long Current
        {
            get { return current; }
        }

        /// <summary>What <see cref="Load"/> found wrong (a copy damaged or missing), or null when both were fine or new.</summary>
        public string Problem { get; private set; }

        /// <summary>
        /// Reads both copies (at start-up, after the journal's replay). <paramref name="journalSequence"/> is the
        /// number of the roll restored from the journal, 0 when none. Never throws for what it reads.
        /// </summary>
        public void Load(long journalSequence)
        {
            Problem = null;
            jumpPending = false;
            byte[] dataA = ReadOrNull(nameA);
            byte[] dataB = ReadOrNull(nameB);
            long a = Parse(dataA);
            long b = Parse(dataB);
            if (a >= 0 && b >= 0)
            {
                current = a >= b ? a : b;
                newestInA = a >= b;
            }
            else if (a >= 0 || b >= 0)
            {
                // The lost copy was the one written last, at most one above the survivor: never reuse it.
                // A missing copy is also the normal state after a new terminal's first roll: skipping one number
                // then costs nothing. The next write goes to the lost copy, keeping the survivor.
                current = (a >= 0 ? a : b) + 1;
                newestInA = a >= 0;
                byte[] lost = a >= 0 ? dataB : dataA;
                if (lost != null)
                {
                    Problem = "roll counter copy " + (a >= 0 ? "b" : "a") + " damaged; continuing after " + current.ToString();
                }
            }
            else
            {
                current = 0;
                newestInA = false;
                if (dataA != null || dataB != null || journalSequence > 0 || StoreHoldsOtherRecords())
                {
                    jumpPending = true;
                    Problem = "roll counter lost (a " + Describe(dataA) + ", b " + Describe(dataB)
                        + "); the next roll number jumps to the seconds since 2020";
                }
            }

            if (journalSequence > current)
            {
                current = journalSequence;
            }
        }

        /// <summary>
        /// Reserves and durably writes the next number, before the roll that uses it is journaled. Throws what
        /// the store throws (the caller then refuses to open the roll).
        /// </summary>
        public long Reserve(long nowTicks)
        {
            long next = current + 1;
            if (jumpPending)
            {
                long seconds = (nowTicks - JumpEpochTicks) / TimeSpan.TicksPerSecond;
                if (seconds >= next)
                {
                    next = seconds + 1;
                }
            }

            Encode(record, next);
            string target = newestInA ? nameB : nameA;

            // Counted as used even if the write fails half-way: a torn copy may hold it.
            current = next;
            store.Replace(target, record, 0, RecordSize);
            newestInA = !newestInA;
            jumpPending = false;
            return next;
        }

        public static void Encode(byte[] buffer, long value)
        {
            buffer[0] = (byte)'R';
            buffer[1] = (byte)'S';
            buffer[2] = (byte)'Q';
            buffer[3] = FormatVersion;
            LittleEndian.WriteInt64(buffer, 4, value);
            LittleEndian.WriteUInt32(buffer, 12, Crc32.Compute(buffer, 0, 12));
        }

        /// <summary>The value of a copy, or -1 when it is missing, torn, damaged or out of range.</summary>
        public static long Parse(byte[] data)
        {
            if (data == null || data.Length != RecordSize || data[0] != (byte)'R' || data[1] != (byte)'S'
                || data[2] != (byte)'Q' || data[3] != FormatVersion)
            {
                return -1;
            }

            if (Crc32.Compute(data, 0, 12) != LittleEndian.ReadUInt32(data, 12))
            {
                return -1;
            }

            long value = LittleEndian.ReadInt64(data, 4);
            return value < 1 || value > RollIdentity.MaximumSequence ? -1 : value;
        }

        private byte[] ReadOrNull(string name)
        {
            try
            {
                return store.Read(name);
            }
            catch (Exception)
            {
                // An unreadable copy counts as damaged, not as missing: it may have held a number already used.
                return new byte[0];
            }
        }

        private bool StoreHoldsOtherRecords()
        {
            try
            {
                return store.List(string.Empty).Length > 0;
            }
            catch (Exception)
            {
                return true;
            }
        }

        private static string Describe(byte[] data)
        {
            return data == null ? "missing" : "damaged";
        }
    }
}
