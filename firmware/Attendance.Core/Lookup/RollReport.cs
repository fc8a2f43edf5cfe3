using System;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// A closed roll with everything the lookup server told about it: the input of the attendance e-mail.
    /// Built by the lookup client from a <see cref="Attendance.Core.Roll.ClosedRoll"/>; rendered by Mail.
    /// </summary>
    public class RollReport
    {
        /// <summary>Same as the closed roll's identity; the e-mail's Message-ID derives from it.</summary>
        public string RollId;

        public string TerminalId;

        public string ProfessorCode;

        public string ProfessorName;

        /// <summary>Where the attendance e-mail goes (EHPROFESSOR's answer).</summary>
        public string ProfessorEmail;

        /// <summary>Class (cadeira) code and name; null when no class is scheduled for that professor then.</summary>
        public string ClassCode;

        public string ClassName;

        public string CourseCode;

        public string CourseName;

        /// <summary>Scheduled start of the class in local minutes after midnight, or -1 when unknown.</summary>
        public int ClassStartMinuteOfDay = -1;

        /// <summary>Offset of local time from UTC in minutes, used to render times for people.</summary>
        public int UtcOffsetMinutes;

        public DateTime OpenedUtc;

        public DateTime ClosedUtc;

        public bool ClosedAutomatically;

        /// <summary>Students in swipe order, when the report is held in RAM (tests, PC tools); see <see cref="OpenEntries"/>.</summary>
        public ReportEntry[] Entries;

        /// <summary>Set instead of <see cref="Entries"/> when the lines stay on flash (the outbox): read one at a time.</summary>
        public ReportEntryReader StoredEntries;

        /// <summary>Number of student lines, wherever they are kept.</summary>
        public int EntryCount
        {
            get
            {
                if (StoredEntries != null)
                {
                    return StoredEntries.Count;
                }

                return Entries == null ? 0 : Entries.Length;
            }
        }

        /// <summary>The student lines in swipe order, rewound to the first, from flash or from <see cref="Entries"/>.</summary>
        public ReportEntryReader OpenEntries()
        {
            ReportEntryReader entries = StoredEntries != null ? StoredEntries : new ArrayReportEntries(Entries);
            entries.Rewind();
            return entries;
        }

        /// <summary>Copied from <see cref="Roll.ClosedRoll.StudentsPossiblyMissing"/>: nonzero when the e-mail must warn that students may be missing.</summary>
        public int StudentsPossiblyMissing;

        /// <summary>
        /// The last on-time instant the statuses used (class start plus the terminal's grace, in UTC), sent with the
        /// upload and hashed into the verification code; <see cref="DateTime.MinValue"/> when the class start was
        /// unknown (nobody is late). Meaningful only when <see cref="LateAfterKnown"/>.
        /// </summary>
        public DateTime LateAfterUtc = DateTime.MinValue;

        /// <summary>False for a report stored by firmware older than the upload: the uploader works it out again.</summary>
        public bool LateAfterKnown;

        /// <summary>
        /// The e-mail's verification code, "XXXX-XXXX-XXXX-XXXX" (docs/protocol.md, "Verification code"): computed
        /// once at close and stored with the report, so a resent e-mail carries the same code. Null when there is
        /// none (open mode, a report stored by older firmware or built without the upload).
        /// </summary>
        public string VerificationCode;

        /// <summary>What became of the close-time upload (<see cref="IRollUploader.BuildAndUpload"/>); null when none was made. Not stored.</summary>
        public UploadResult Upload;
    }
}
