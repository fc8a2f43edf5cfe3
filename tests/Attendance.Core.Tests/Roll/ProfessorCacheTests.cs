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
            for (int position = 0; position < data.Length; position++)
            {
                byte[] damaged = (byte[])data.Clone();
                damaged[position] ^= 0x01;
                store.SetBytes("cache", damaged);
                ProfessorCache reloaded = new ProfessorCache(store, "cache", 4, 30);

                reloaded.Load();

                Assert.AreEqual(0, reloaded.Count);
            }
        }
    }
}
