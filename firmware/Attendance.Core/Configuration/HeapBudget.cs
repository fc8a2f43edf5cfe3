namespace Attendance.Core.Configuration
{
    /// <summary>
    /// Whether the board's managed heap can carry a roll of <c>roll.capacity</c> students through its close
    /// (report, e-mail, outbox, SMTP). The terminal checks it at start-up with the runtime's free-memory figure and
    /// refuses to start with a capacity the heap cannot take, instead of failing with OutOfMemoryException at the
    /// first big close, when the roll is already taken. Bytes needed = <see cref="FixedBytes"/> +
    /// <see cref="BytesPerStudent"/> x capacity. The host terminal does not check: a PC's heap is not the limit.
    /// </summary>
    public static class HeapBudget
    {
        // The two constants come from the emulator measurements in bench/README.md, section "Board heap": the
        // smallest managed heap at which a whole class completes through TerminalController (start, swipes, close,
        // lookup, report, e-mail), minus the idle heap, on nf-interpreter's POSIX nanoCLR: 38 KiB for 40
        // students, 50 KiB for 400, 71 KiB for 1,000, so about 36.6 KiB plus 35 bytes a student. The margins
        // (48 KiB, 40 bytes) cover what the probe does not run: the board's second thread (the network worker),
        // the socket and TLS stream objects, the Wi-Fi or Ethernet objects. Change them only with that table.
        // With the roll upload of issue 14 (step 5 of the close, its verification code) the same probe gives 40 / 55 /
        // 70 KiB: still within the budget (49.6 / 63.6 / 87 KiB), so the constants stay.

        /// <summary>Heap a terminal needs whatever the class size: its objects standing by, and the close's buffers (connections, one record window, the e-mail being sent).</summary>
        public const int FixedBytes = 48 * 1024;

        /// <summary>Heap each student of the roll's capacity adds (the swipe list's slot: code bytes, time, hash entry).</summary>
        public const int BytesPerStudent = 40;

        /// <summary>Free heap a close of <paramref name="capacity"/> students needs; long, so no capacity overflows.</summary>
        public static long BytesNeeded(int capacity)
        {
            return FixedBytes + ((long)BytesPerStudent * capacity);
        }

        /// <summary>Largest capacity that <paramref name="freeBytes"/> of heap can take; 0 when not even the fixed part fits.</summary>
        public static int LargestCapacity(long freeBytes)
        {
            if (freeBytes <= FixedBytes)
            {
                return 0;
            }

            long capacity = (freeBytes - FixedBytes) / BytesPerStudent;
            return capacity > int.MaxValue ? int.MaxValue : (int)capacity;
        }

        /// <summary>True when <paramref name="freeBytes"/> of heap can take a close of <paramref name="capacity"/> students.</summary>
        public static bool Fits(int capacity, long freeBytes)
        {
            return BytesNeeded(capacity) <= freeBytes;
        }

        /// <summary>
        /// Throws <see cref="SettingsException"/> (key <c>roll.capacity</c>) when the heap cannot take the capacity; the
        /// message says how much is needed, how much is free and the largest capacity that fits.
        /// </summary>
        public static void Check(int capacity, long freeBytes)
        {
            if (capacity < 1)
            {
                throw new SettingsException(0, "roll.capacity", "roll.capacity must be at least 1 (got " + capacity.ToString() + ")");
            }

            if (freeBytes < 0)
            {
                throw new SettingsException(0, "roll.capacity", "the free heap figure cannot be negative (got " + freeBytes.ToString() + ")");
            }

            if (Fits(capacity, freeBytes))
            {
                return;
            }

            int largest = LargestCapacity(freeBytes);
            throw new SettingsException(0, "roll.capacity",
                "roll.capacity = " + capacity.ToString() + " needs " + BytesNeeded(capacity).ToString()
                + " bytes of free heap for the close (" + FixedBytes.ToString() + " + " + BytesPerStudent.ToString()
                + " per student) but this board has " + freeBytes.ToString() + " free: "
                + (largest > 0 ? "set roll.capacity to " + largest.ToString() + " or less" : "not even an empty roll fits")
                + ", or use a board with PSRAM (hardware/README.md)");
        }

        /// <summary>One line for the start-up log: the figures the check used.</summary>
        public static string Describe(int capacity, long freeBytes)
        {
            return "heap: " + freeBytes.ToString() + " bytes free; roll.capacity = " + capacity.ToString() + " needs "
                + BytesNeeded(capacity).ToString() + " (largest that fits: " + LargestCapacity(freeBytes).ToString() + ")";
        }
    }
}
