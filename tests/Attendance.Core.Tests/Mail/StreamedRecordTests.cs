using System;
using System.Text;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Lookup;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>
    /// Issue 16: rolls and reports are read from flash through one small window and the lookup writes each
    /// student's line to flash as its name arrives, so the close path holds no list of students in the heap.
    /// </summary>
    [TestClass]
    public class StreamedRecordTests
    {
        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(120)]
        public void A_record_read_through_the_window_reads_as_the_whole_record(int students)
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            ClosedRoll roll = RollOf(students);
            OutboxRecords.WriteRoll(store, "r", roll);
            byte[] whole = store.Read("r");
            Assert.IsTrue(whole.Length > RecordReader.WindowBytes || students < 120);

            RecordReader fromBytes = new RecordReader(whole);
            RecordReader fromStore = new RecordReader(new StoredRecord(store, "r"));
            AssertSameLines(fromBytes, fromStore);
            Assert.IsTrue(fromStore.Intact);

            // A second pass reuses the window and reads the same.
            fromStore.Restart();
            AssertSameLines(new RecordReader(whole), fromStore);
            Assert.IsTrue(fromStore.Intact);
        }

        [TestMethod]
        public void A_line_longer_than_the_window_is_damage_and_the_lines_after_it_still_read()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            OutboxRecords.WriteRoll(store, "r", RollOf(3));
            byte[] record = store.Read("r");
            byte[] longLine = new byte[RecordReader.WindowBytes * 2];
            for (int i = 0; i < longLine.Length - 1; i++)
            {
                longLine[i] = (byte)'x';
            }

            longLine[longLine.Length - 1] = (byte)'\n';

            // The long line goes after the first line (the roll's id).
            int firstLine = Array.IndexOf((Array)record, (byte)10) + 1;
            byte[] damaged = new byte[record.Length + longLine.Length];
            Array.Copy(record, 0, damaged, 0, firstLine);
            Array.Copy(longLine, 0, damaged, firstLine, longLine.Length);
            Array.Copy(record, firstLine, damaged, firstLine + longLine.Length, record.Length - firstLine);
            store.Replace("d", damaged, 0, damaged.Length);

            RecordReader fromStore = new RecordReader(new StoredRecord(store, "d"));
            AssertSameLines(new RecordReader(damaged), fromStore);
            Assert.IsFalse(fromStore.Intact);
            Assert.AreEqual(1, fromStore.DamagedLines);
            Assert.AreEqual(7 + 3, fromStore.IntactLines);
            Assert.IsTrue(fromStore.Problem.IndexOf("too long") > 0);
        }

        [TestMethod]
        public void A_record_cut_inside_a_long_line_reads_as_cut()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            OutboxRecords.WriteRoll(store, "r", RollOf(2));
            byte[] record = store.Read("r");

            // Without its end line, and with a line that never ends: a cut in the middle of a write.
            int endLine = record.Length - 1;
            while (record[endLine - 1] != (byte)'\n')
            {
                endLine--;
            }

            byte[] cut = new byte[endLine + (RecordReader.WindowBytes * 2)];
            Array.Copy(record, cut, endLine);
            for (int i = endLine; i < cut.Length; i++)
            {
                cut[i] = (byte)'y';
            }

            store.Replace("c", cut, 0, cut.Length);
            RecordReader fromStore = new RecordReader(new StoredRecord(store, "c"));
            AssertSameLines(new RecordReader(cut), fromStore);
            Assert.IsFalse(fromStore.Intact);
            Assert.AreEqual(-1, fromStore.UnreadableLines);
        }

        [TestMethod]
        public void The_outbox_looks_up_and_mails_a_roll_from_flash_and_sends_what_the_ram_path_sends()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            ProbeBuilder builder = new ProbeBuilder(store);
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, new FakeClock(new DateTime(2026, 11, 23, 10, 0, 0)));
            ClosedRoll roll = LookupClientScript.Roll();
            Assert.IsTrue(outbox.Enqueue(roll));

            Assert.AreEqual(1, outbox.ProcessDue().Sent);

            // The builder got the students from flash and left the lines on flash, in the working record.
            Assert.IsTrue(builder.StudentsWereOnFlash);
            Assert.IsTrue(builder.LinesWereOnFlash);
            Assert.AreEqual(0, store.Count);

            // The same report built in RAM renders the same e-mail, byte for byte.
            RollReport inRam = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(LookupClientScript.Roll());
            MailCaptureSink expected = new MailCaptureSink();
            new ReportMessageContent(inRam, OutboxSamples.Options().Message).WriteTo(expected);
            Assert.AreEqual(expected.Text(), (string)sender.Messages[0]);
            Assert.IsTrue(expected.Text().IndexOf("p1@example.edu") > 0);
        }

        [TestMethod]
        public void A_lookup_cut_after_writing_some_lines_leaves_nothing_behind_once_the_roll_is_sent()
        {
            // The lookup dies half-way (a cut connection, or the power: the same records stay on flash): the
            // working ".lines" holds the first students only. The next attempt starts the lines over.
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            CutOnceBuilder builder = new CutOnceBuilder();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, new FakeClock(new DateTime(2026, 11, 23, 10, 0, 0)));
            Assert.IsTrue(outbox.Enqueue(LookupClientScript.Roll()));

            OutboxResult first = outbox.ProcessDue();
            Assert.AreEqual(0, first.Sent);
            Assert.AreEqual(1, first.WaitingForLookup);
            Assert.IsTrue(HasRecordEndingWith(store, ".lines"));

            RecordReader partial = new RecordReader(store.Read(LinesName(store)));
            while (partial.Next())
            {
            }

            Assert.IsFalse(partial.EndFound);
            outbox = OutboxSamples.NewOutbox(store, builder, sender, new FakeClock(new DateTime(2026, 11, 23, 11, 0, 0)));
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(0, store.Count);

            RollReport inRam = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(LookupClientScript.Roll());
            MailCaptureSink expected = new MailCaptureSink();
            new ReportMessageContent(inRam, OutboxSamples.Options().Message).WriteTo(expected);
            Assert.AreEqual(expected.Text(), (string)sender.Messages[0]);
        }

        [TestMethod]
        public void A_report_read_from_flash_keeps_every_status_the_lookup_found()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server()))
                .Build(LookupClientScript.Roll(), new StoredReportArea(store, "w.lines"));
            Assert.IsNull(report.Entries);
            OutboxRecords.WriteReport(store, "w.report", report);

            RecordReader reader = new RecordReader(new StoredRecord(store, "w.report"));
            RollReport stored = OutboxRecords.ParseReport(reader, false);
            Assert.IsTrue(reader.Intact);
            Assert.AreEqual(3, stored.EntryCount);
            ReportEntryReader entries = stored.OpenEntries();
            Assert.IsTrue(entries.Next());
            Assert.AreEqual("A1", entries.Current.StudentCode);
            Assert.AreEqual((int)AttendanceStatus.Enrolled, (int)entries.Current.Status);
            Assert.IsFalse(entries.Current.Late);
            Assert.IsTrue(entries.Next());
            Assert.AreEqual("Ñandú Müller", entries.Current.StudentName);
            Assert.AreEqual((int)AttendanceStatus.NotEnrolled, (int)entries.Current.Status);
            Assert.IsTrue(entries.Current.Late);
            Assert.IsTrue(entries.Next());
            Assert.AreEqual((int)AttendanceStatus.UnknownStudent, (int)entries.Current.Status);
            Assert.IsFalse(entries.Next());
        }

        private static ClosedRoll RollOf(int students)
        {
            ClosedRoll roll = OutboxSamples.Roll("T12-window");
            roll.StudentCodes = new string[students];
            roll.SwipeTimesUtc = new DateTime[students];
            for (int i = 0; i < students; i++)
            {
                roll.StudentCodes[i] = "2023" + i.ToString("D4");
                roll.SwipeTimesUtc[i] = roll.OpenedUtc.AddSeconds(i);
            }

            return roll;
        }

        private static void AssertSameLines(RecordReader expected, RecordReader actual)
        {
            while (true)
            {
                bool more = expected.Next();
                Assert.AreEqual(more, actual.Next());
                if (!more)
                {
                    break;
                }

                Assert.AreEqual(expected.Key, actual.Key);
                Assert.AreEqual(expected.Value, actual.Value);
            }

            Assert.AreEqual(expected.Intact, actual.Intact);
            Assert.AreEqual(expected.IntactLines, actual.IntactLines);
            Assert.AreEqual(expected.DamagedLines, actual.DamagedLines);
            Assert.AreEqual(expected.UnreadableLines, actual.UnreadableLines);
            Assert.AreEqual(expected.Problem, actual.Problem);
        }

        private static bool HasRecordEndingWith(InMemoryDurableStore store, string suffix)
        {
            return LinesNameOrNull(store, suffix) != null;
        }

        private static string LinesName(InMemoryDurableStore store)
        {
            return LinesNameOrNull(store, ".lines");
        }

        private static string LinesNameOrNull(InMemoryDurableStore store, string suffix)
        {
            string[] names = store.List("outbox-");
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].EndsWith(suffix))
                {
                    return names[i];
                }
            }

            return null;
        }

        /// <summary>The first lookup writes some students' lines, then loses the server; later ones are the real builder.</summary>
        private class CutOnceBuilder : IRollReportBuilder
        {
            private int _calls;

            public RollReport Build(ClosedRoll roll, ReportEntryArea area)
            {
                _calls++;
                if (_calls == 1)
                {
                    // Enough lines for the writer to have put some on flash (it writes in pieces of 512 bytes).
                    area.Begin();
                    ReportEntry entry = new ReportEntry();
                    entry.StudentName = "João Conceição";
                    entry.Status = AttendanceStatus.NotEnrolled;
                    for (int i = 0; i < 30; i++)
                    {
                        entry.StudentCode = "A" + i.ToString();
                        area.Add(entry);
                    }

                    throw new LookupException(LookupFailure.Unreachable, "connection cut mid-exchange");
                }

                return LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(roll, area);
            }
        }

        /// <summary>The real report builder over the scripted server, noting where the students and lines were kept.</summary>
        private class ProbeBuilder : IRollReportBuilder
        {
            private readonly InMemoryDurableStore _store;

            public ProbeBuilder(InMemoryDurableStore store)
            {
                _store = store;
            }

            public bool StudentsWereOnFlash;

            public bool LinesWereOnFlash;

            public RollReport Build(ClosedRoll roll, ReportEntryArea area)
            {
                StudentsWereOnFlash = roll.StudentCodes == null && roll.StudentReader != null && roll.StudentCount == 3;
                RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(roll, area);
                LinesWereOnFlash = report.Entries == null && _store.List("outbox-").Length == 3 && _store.Read(_store.List("outbox-")[0]) != null
                    && Contains(_store.List("outbox-"), ".lines");
                return report;
            }

            private static bool Contains(string[] names, string suffix)
            {
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i].EndsWith(suffix))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
