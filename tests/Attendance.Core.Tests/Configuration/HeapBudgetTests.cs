using Attendance.Core.Configuration;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Configuration
{
    /// <summary>
    /// The start-up check of roll.capacity against the free heap. Written against the rule (fixed part + a part per
    /// student), not against today's constants, which bench/README.md's measurements will replace.
    /// </summary>
    [TestClass]
    public class HeapBudgetTests
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(40)]
        [DataRow(400)]
        [DataRow(1999)]
        public void Each_student_adds_the_same_bytes_to_the_fixed_part(int capacity)
        {
            Assert.AreEqual((long)HeapBudget.FixedBytes, HeapBudget.BytesNeeded(0));
            Assert.AreEqual((long)HeapBudget.BytesPerStudent, HeapBudget.BytesNeeded(capacity + 1) - HeapBudget.BytesNeeded(capacity));
        }

        [TestMethod]
        [DataRow(1, 0, true)]
        [DataRow(1, -1, false)]
        [DataRow(40, 0, true)]
        [DataRow(400, 0, true)]
        [DataRow(400, -1, false)]
        [DataRow(400, 100000, true)]
        [DataRow(2000, 0, true)]
        [DataRow(2000, -1, false)]
        public void A_capacity_fits_exactly_when_the_free_heap_covers_its_bytes(int capacity, int bytesAboveNeed, bool fits)
        {
            long free = HeapBudget.BytesNeeded(capacity) + bytesAboveNeed;

            Assert.AreEqual(fits, HeapBudget.Fits(capacity, free));
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(40)]
        [DataRow(400)]
        [DataRow(2000)]
        public void The_largest_capacity_is_the_last_one_that_fits(int capacity)
        {
            long free = HeapBudget.BytesNeeded(capacity);

            Assert.AreEqual(capacity, HeapBudget.LargestCapacity(free));
            Assert.AreEqual(capacity, HeapBudget.LargestCapacity(free + HeapBudget.BytesPerStudent - 1));
            Assert.AreEqual(capacity - 1, HeapBudget.LargestCapacity(free - 1));
            Assert.IsTrue(HeapBudget.Fits(HeapBudget.LargestCapacity(free - 1), free - 1));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1000)]
        public void A_heap_smaller_than_the_fixed_part_takes_no_roll(int bytesBelowFixed)
        {
            long free = HeapBudget.FixedBytes - 1 - bytesBelowFixed;

            Assert.AreEqual(0, HeapBudget.LargestCapacity(free));
            Assert.IsFalse(HeapBudget.Fits(1, free));
        }

        [TestMethod]
        public void The_largest_capacity_the_settings_allow_fits_the_STM32_discovery_heap()
        {
            // The STM32F769I-DISCO firmware gives the managed heap the external SDRAM region of its linker script,
            // 13,631,488 bytes (nf-interpreter targets/ChibiOS/ST_STM32F769I_DISCOVERY/nanoCLR/STM32F76xx_CLR.ld).
            HeapBudget.Check(2000, 13631488);

            Assert.IsTrue(HeapBudget.LargestCapacity(13631488) >= 2000);
        }

        [TestMethod]
        [DataRow(40)]
        [DataRow(400)]
        public void A_capacity_that_fits_passes_the_check(int capacity)
        {
            HeapBudget.Check(capacity, HeapBudget.BytesNeeded(capacity));
            HeapBudget.Check(capacity, HeapBudget.BytesNeeded(capacity) + 1000000);
        }

        [TestMethod]
        [DataRow(400, 1)]
        [DataRow(400, 5000)]
        [DataRow(40, 1)]
        public void A_capacity_too_big_for_the_heap_is_refused_with_the_largest_that_fits(int capacity, int bytesShort)
        {
            long free = HeapBudget.BytesNeeded(capacity) - bytesShort;
            int largest = HeapBudget.LargestCapacity(free);

            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { HeapBudget.Check(capacity, free); });

            Assert.AreEqual("roll.capacity", exception.Key);
            Assert.AreEqual(0, exception.LineNumber);
            Assert.IsTrue(largest < capacity, "largest " + largest.ToString());
            Assert.IsTrue(exception.Message.IndexOf("roll.capacity = " + capacity.ToString() + " needs") >= 0, exception.Message);
            Assert.IsTrue(exception.Message.IndexOf("set roll.capacity to " + largest.ToString() + " or less") >= 0, exception.Message);
            Assert.IsTrue(exception.Message.IndexOf(free.ToString() + " free") >= 0, exception.Message);
        }

        [TestMethod]
        public void A_heap_too_small_for_any_roll_says_so()
        {
            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { HeapBudget.Check(1, 1000); });

            Assert.IsTrue(exception.Message.IndexOf("not even an empty roll fits") >= 0, exception.Message);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(-1)]
        public void A_capacity_below_one_is_refused(int capacity)
        {
            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { HeapBudget.Check(capacity, 13631488); });

            Assert.AreEqual("roll.capacity", exception.Key);
        }

        [TestMethod]
        public void A_negative_free_heap_figure_is_refused()
        {
            var exception = (SettingsException)Expect.Throws(typeof(SettingsException), delegate { HeapBudget.Check(40, -1); });

            Assert.IsTrue(exception.Message.IndexOf("negative") >= 0, exception.Message);
        }

        [TestMethod]
        public void The_log_line_gives_the_figures_of_the_check()
        {
            long free = HeapBudget.BytesNeeded(400) + 10;
            string line = HeapBudget.Describe(400, free);

            Assert.IsTrue(line.IndexOf(free.ToString() + " bytes free") >= 0, line);
            Assert.IsTrue(line.IndexOf("needs " + HeapBudget.BytesNeeded(400).ToString()) >= 0, line);
            Assert.IsTrue(line.IndexOf("largest that fits: 400") >= 0, line);
        }
    }
}
