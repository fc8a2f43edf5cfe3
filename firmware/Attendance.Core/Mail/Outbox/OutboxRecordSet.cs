using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The outbox's records in the durable store, by roll token: names, listing, reading a state without
    /// repairing it, setting a damaged record aside, and telling a repeated hand-over from a different roll.
    /// Not locked: <see cref="Outbox"/> calls it under its own lock.
    /// </summary>
    public class OutboxRecordSet
    {
        public const string RollSuffix = ".roll";
        public const string ReportSuffix = ".report";
        public const string StateSuffix = ".state";

        /// <summary>The lookup's working record: student lines written as the names arrive (<see cref="StoredReportArea"/>).</summary>
        public const string LinesSuffix = ".lines";

        /// <summary>Damaged records are copied aside under this prefix, outside the outbox's own names.</summary>
        public const string DamagedPrefix = "damaged.";

        /// <summary>What <see cref="CompareStored"/> finds.</summary>
        public const int StoredNone = 0;
        public const int StoredSame = 1;
        public const int StoredOther = 2;

        private readonly IDurableStore _store;
        private readonly string _prefix;

        public OutboxRecordSet(IDurableStore store, string prefix)
        {
            _store = store;
            _prefix = prefix;
        }

        public string Name(string token, string suffix)
        {
            return _prefix + token + suffix;
        }

        /// <summary>Every outbox record name, in ordinal order.</summary>
        public string[] List()
        {
            return _store.List(_prefix);
        }

        /// <summary>Tokens of the rolls in the store, from their roll or state records.</summary>
        public string[] Tokens()
        {
            return Tokens(List());
        }

        /// <summary>Tokens of the rolls among <paramref name="names"/>, from their roll or state records.</summary>
        public string[] Tokens(string[] names)
        {
            ArrayList tokens = new ArrayList();
            for (int i = 0; i < names.Length; i++)
            {
                string name = names[i];
                string suffix = name.EndsWith(RollSuffix) ? RollSuffix : name.EndsWith(StateSuffix) ? StateSuffix : null;
                if (suffix == null)
                {
                    continue;
                }

                string token = name.Substring(_prefix.Length, name.Length - _prefix.Length - suffix.Length);
                if (!tokens.Contains(token))
                {
                    tokens.Add(token);
                }
            }

            string[] result = new string[tokens.Count];
            tokens.CopyTo(result);
            return result;
        }

        public static bool Contains(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The state as stored, or a stand-in when missing or damaged: pending, due now, with the token as RollId
        /// and <see cref="OutboxEntry.StateIntact"/> false when damaged. Never writes.
        /// </summary>
        public OutboxEntry ReadState(string token)
        {
            byte[] data = _store.Read(Name(token, StateSuffix));
            if (data != null)
            {
                RecordReader reader = new RecordReader(data);
                OutboxEntry entry = OutboxRecords.ParseState(reader);
                if (reader.Intact && entry != null)
                {
                    return entry;
                }
            }

            // No state (cut between the roll record and its state) or a damaged one: pending, due now.
            OutboxEntry fresh = new OutboxEntry();
            fresh.RollId = token;
            fresh.Status = OutboxEntryStatus.Pending;
            fresh.StateIntact = data == null;
            return fresh;
        }

        /// <summary>
        /// Damaged copies kept at most: they are for a person to look at, and on a board's flash they must not
        /// fill the file system over the years (a 400-student report is about 41 KB).
        /// </summary>
        public const int MaximumDamagedCopies = 16;

        /// <summary>
        /// Copies a damaged record to "damaged.NAME" (or "damaged.2.NAME"... when taken), deletes it, and returns
        /// the copy's name. Beyond <see cref="MaximumDamagedCopies"/> copies, the first in name order gives way.
        /// The copy is made piece by piece through <paramref name="buffer"/>, whatever the record's size.
        /// </summary>
        public string SetAside(string name, byte[] buffer)
        {
            string[] kept = _store.List(DamagedPrefix);
            for (int i = 0; i <= kept.Length - MaximumDamagedCopies; i++)
            {
                _store.Delete(kept[i]);
            }

            string aside = DamagedPrefix + name;
            for (int n = 2; n < 10 && _store.Length(aside) >= 0; n++)
            {
                aside = DamagedPrefix + n.ToString() + "." + name;
            }

            StoredRecord.Copy(_store, name, aside, buffer);
            _store.Delete(name);
            return aside;
        }

        /// <summary>Deletes the roll's records, the state last so a cut in between still knows it was sent.</summary>
        public void Remove(string token)
        {
            _store.Delete(Name(token, RollSuffix));
            _store.Delete(Name(token, ReportSuffix));
            _store.Delete(Name(token, LinesSuffix));
            _store.Delete(Name(token, StateSuffix));
        }

        /// <summary>
        /// What the store holds under <paramref name="token"/>: nothing usable (no records, or only a roll cut while
        /// being handed over and never given a state: the hand-over being repeated now), the same roll, or another.
        /// </summary>
        public int CompareStored(string token, ClosedRoll roll, string identity)
        {
            string[] names = _store.List(Name(token, "."));
            if (names.Length == 0)
            {
                return StoredNone;
            }

            // Read through the window, students left on flash: the door holds the closing roll meanwhile.
            RecordReader reader = new RecordReader(new StoredRecord(_store, Name(token, RollSuffix)));
            ClosedRoll stored = reader.StoredLength < 0 ? null : OutboxRecords.ParseRoll(reader, false);
            bool intact = stored != null && reader.Intact;
            if (intact && SameRoll(stored, roll, identity))
            {
                return StoredSame;
            }

            if (!intact && !Contains(names, Name(token, StateSuffix)) && !Contains(names, Name(token, ReportSuffix)))
            {
                return StoredNone;
            }

            return StoredOther;
        }

        public static int Count(ClosedRoll roll)
        {
            return roll.StudentCount;
        }

        private static bool SameRoll(ClosedRoll stored, ClosedRoll roll, string identity)
        {
            if (stored.RollId != identity || stored.TerminalId != roll.TerminalId || stored.ProfessorCode != roll.ProfessorCode
                || stored.ProfessorEmail != roll.ProfessorEmail || stored.OpenedUtc.Ticks != Ticks(roll.OpenedUtc)
                || stored.ClosedUtc.Ticks != Ticks(roll.ClosedUtc) || stored.ClosedAutomatically != roll.ClosedAutomatically
                || stored.StudentCount != roll.StudentCount)
            {
                return false;
            }

            RollStudentReader storedStudents = stored.OpenStudents();
            RollStudentReader students = roll.OpenStudents();
            while (storedStudents.Next() && students.Next())
            {
                if (storedStudents.Code != students.Code || storedStudents.SwipeUtc.Ticks != Ticks(students.SwipeUtc))
                {
                    return false;
                }
            }

            return true;
        }

        private static long Ticks(DateTime time)
        {
            return UtcTicks.ToDateTime(time.Ticks).Ticks;
        }
    }
}
