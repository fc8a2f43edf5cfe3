using System;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Roll
{
    [TestClass]
    public class ProfessorCacheTests
    {
        // Offline policy through the roll (defaults: 30 days, 16 entries). P200 was confirmed at the start.
        [TestMethod]
        [DataRow("down +30d P200", "OpenedFromCache")]
        [DataRow("down +31d P200", "ServerUnreachable")]
        [DataRow("+20d P200 P200 hand down +20d P200", "Opened Closing OpenedFromCache")]
        [DataRow("down P100", "ServerUnreachable")]
        [DataRow("P100 P100 hand down P100", "Opened Closing OpenedFromCache")]
        [DataRow("reboot down P200", "closed OpenedFromCache")]
        public void Offline_opening_follows_the_cache_policy(string script, string expected)
        {
            RollHarness harness = new RollHarness(10);

            Assert.AreEqual(expected, harness.Run(script));
        }

        [TestMethod]
        public void A_card_the_server_denies_is_forgotten()
        {
            RollHarness harness = new RollHarness(10);
            harness.Directory.RemoveProfessor("P200");

            Assert.AreEqual("NotProfessor ServerUnreachable", harness.Run("P200 down P200"));
        }

        [TestMethod]
        [DataRow(2, "A1 A2 A3", "A1", false)]
        [DataRow(2, "A1 A2 A3", "A2", true)]
        [DataRow(2, "A1 A2 A3", "A3", true)]
        [DataRow(2, "A1 A2 A1 A3", "A2", false)]
        [DataRow(3, "A1 A2 A3", "A1", true)]
        [DataRow(0, "A1", "A1", false)]
        public void When_full_the_longest_unconfirmed_entry_gives_way(int capacity, string confirmed, string asked, bool expected)
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            ProfessorCache cache = new ProfessorCache(store, "cache", capacity, 30);
            DateTime time = RollHarness.Start;
            string[] codes = confirmed.Split(' ');
            for (int index = 0; index < codes.Length; index++)
            {
                time = time.AddMinutes(1);
                cache.Confirm(codes[index], time);
            }

            ProfessorCache reloaded = new ProfessorCache(store, "cache", capacity, 30);
            reloaded.Load();

            Assert.AreEqual(expected, cache.Contains(asked, time));
            Assert.AreEqual(expected, reloaded.Contains(asked, time));
        }

        [TestMethod]
        public void A_damaged_cache_record_loads_as_empty()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            ProfessorCache cache = new ProfessorCache(store, "cache", 4, 30);
            cache.Confirm("P100", RollHarness.Start);
            byte[] data = store.Read("cache");
            for (int bit = 0; bit < data.Length * 8; bit++)
            {
                byte[] damaged = (byte[])data.Clone();
                damaged[bit / 8] ^= (byte)(1 << (bit % 8));
                store.SetBytes("cache", damaged);
                ProfessorCache reloaded = new ProfessorCache(store, "cache", 4, 30);

                reloaded.Load();

                Assert.AreEqual(0, reloaded.Count);
                Assert.IsTrue(reloaded.DamageFound);
            }
        }

        [TestMethod]
        [DataRow("ticks-too-late")]
        [DataRow("ticks-negative")]
        [DataRow("too-many-entries")]
        [DataRow("trailing-byte")]
        [DataRow("empty-code")]
        [DataRow("control-character")]
        public void An_impossible_cache_behind_a_valid_crc_loads_as_empty(string damage)
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            long ticks = RollHarness.Start.Ticks;
            int entries = 1;
            string code = "P100";
            int extra = 0;
            if (damage == "ticks-too-late") { ticks = DateTime.MaxValue.Ticks + 1; }
            if (damage == "ticks-negative") { ticks = -1; }
            if (damage == "too-many-entries") { entries = 5; }
            if (damage == "trailing-byte") { extra = 1; }
            if (damage == "empty-code") { code = string.Empty; }
            if (damage == "control-character") { code = "P1\n0"; }

            byte[] data = new byte[2 + 9 + code.Length + extra + 4];
            data[0] = 1;
            data[1] = (byte)entries;
            LittleEndian.WriteInt64(data, 2, ticks);
            data[10] = (byte)code.Length;
            for (int i = 0; i < code.Length; i++)
            {
                data[11 + i] = (byte)code[i];
            }

            int end = data.Length - 4;
            LittleEndian.WriteUInt32(data, end, Crc32.Compute(data, 0, end));
            store.SetBytes("cache", data);
            ProfessorCache cache = new ProfessorCache(store, "cache", 4, 30);

            cache.Load();

            Assert.AreEqual(0, cache.Count);
            Assert.IsTrue(cache.DamageFound);
        }

        [TestMethod]
        public void A_valid_cache_loads_without_damage()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            new ProfessorCache(store, "cache", 4, 30).Confirm("P100", RollHarness.Start);
            ProfessorCache cache = new ProfessorCache(store, "cache", 4, 30);

            cache.Load();

            Assert.AreEqual(1, cache.Count);
            Assert.IsFalse(cache.DamageFound);
        }
    }
}
