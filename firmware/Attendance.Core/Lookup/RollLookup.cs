using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The close-time exchange for one roll, in a fixed number of round trips whatever the number of students
    /// (docs/protocol.md, "The board's exchange at close"):
    /// greeting; AUTENTICAR + EHPROFESSOR + NOMEPROFESSOR + CODIGOCADEIRA + every NOMEALUNO;
    /// CODIGOCURSOCADEIRA + NOMECADEIRA + INICIOCADEIRA; NOMECURSO + every MATRICULADO; and, when asked, the
    /// upload of the roll with its verification code (<see cref="RollUpload"/>), which needs the class and its start.
    /// Steps depend on earlier answers (MATRICULADO needs class and course), so they cannot all be one batch.
    /// <para>
    /// Memory does not grow with the roll (docs/roll.md, "The board's heap at close"): the students are read one
    /// at a time from the roll (on flash in the outbox) for each step, each student's line goes to the
    /// <see cref="ReportEntryArea"/> as its name arrives, and between steps only two bits per student are kept
    /// (known to the server, enrolled).
    /// </para>
    /// </summary>
    internal class RollLookup
    {
        private readonly LookupClient _client;
        private readonly ClosedRoll _roll;
        private readonly ReportEntryArea _area;
        private readonly bool _upload;

        public RollLookup(LookupClient client, ClosedRoll roll, ReportEntryArea area, bool upload)
        {
            _client = client;
            _roll = roll;
            _area = area;
            _upload = upload;
        }

        public object Execute(LookupExchange exchange)
        {
            LookupClientSettings settings = _client.Settings;
            DateTime openedLocal = LookupTime.ToLocal(_roll.OpenedUtc, settings.UtcOffsetMinutes);
            string weekday = LookupTime.IsoWeekday(openedLocal).ToString();
            string time = LookupTime.FormatHourMinute(openedLocal);
            RollStudentReader students = _roll.OpenStudents();
            int count = students.Count;
            byte[] known = StudentBits.New(count);
            byte[] enrolled = StudentBits.New(count);

            // Step 1: who, what class, and every student's name (none of these depend on each other).
            exchange.Queue1(LookupProtocol.IsProfessor, _roll.ProfessorCode);
            exchange.Queue1(LookupProtocol.ProfessorName, _roll.ProfessorCode);
            exchange.Queue3(LookupProtocol.ClassAtTime, time, weekday, _roll.ProfessorCode);
            while (students.Next())
            {
                exchange.Queue1(LookupProtocol.StudentName, students.Code);
            }

            exchange.Flush();
            _client.ReadAuthentication(exchange);
            RollReport report = NewReport(settings);
            report.ProfessorEmail = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NotProfessor, LookupProtocol.IsProfessor);
            report.ProfessorName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotProfessor, LookupProtocol.ProfessorName);
            report.ClassCode = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NoClassScheduled, LookupProtocol.ClassAtTime);
            ReadNames(exchange, students, count, known);
            if (report.ProfessorEmail == null)
            {
                // The server no longer knows this card; the address confirmed when the roll opened still holds.
                report.ProfessorEmail = _roll.ProfessorEmail;
                if (report.ProfessorEmail == null)
                {
                    throw new LookupException(LookupFailure.Refused, "The lookup server does not know professor " + _roll.ProfessorCode + ": there is no address to send the roll to.");
                }
            }

            if (report.ClassCode == null)
            {
                return Finish(exchange, Complete(report, enrolled, openedLocal, settings));
            }

            // Step 2: everything that needs the class.
            exchange.Queue1(LookupProtocol.CourseOfClass, report.ClassCode);
            exchange.Queue1(LookupProtocol.ClassName, report.ClassCode);
            exchange.Queue3(LookupProtocol.ClassStart, report.ClassCode, weekday, time);
            exchange.Flush();
            report.CourseCode = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NotClass, LookupProtocol.CourseOfClass);
            report.ClassName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotClass, LookupProtocol.ClassName);
            report.ClassStartMinuteOfDay = LookupAnswers.StartMinuteOfDay(exchange.ReadFields());
            if (report.CourseCode == null)
            {
                return Finish(exchange, Complete(report, enrolled, openedLocal, settings));
            }

            // Step 3: the course's name and the enrolment of every known student.
            string year = openedLocal.Year.ToString();
            string month = openedLocal.Month.ToString();
            exchange.Queue1(LookupProtocol.CourseName, report.CourseCode);
            students.Rewind();
            for (int i = 0; students.Next(); i++)
            {
                if (StudentBits.Get(known, i))
                {
                    exchange.Queue5(LookupProtocol.IsEnrolled, students.Code, report.ClassCode, report.CourseCode, year, month);
                }
            }

            exchange.Flush();
            report.CourseName = LookupAnswers.NameOrNull(exchange.ReadFields(), LookupProtocol.NotCourse, LookupProtocol.CourseName);
            for (int i = 0; i < count; i++)
            {
                if (StudentBits.Get(known, i) && LookupAnswers.IsEnrolled(exchange.ReadFields()))
                {
                    StudentBits.Set(enrolled, i);
                }
            }

            return Finish(exchange, Complete(report, enrolled, openedLocal, settings));
        }

        /// <summary>
        /// The upload as the last step, when asked for (docs/protocol.md, "The board's exchange at close", step 5):
        /// the report is complete, so whatever happens to the upload (an error, a cut) becomes
        /// <see cref="RollReport.Upload"/> and the report stands. Without a key (open mode) there is neither a
        /// verification code nor a terminal to file the roll under: no upload.
        /// </summary>
        private RollReport Finish(LookupExchange exchange, RollReport report)
        {
            LookupClientSettings settings = _client.Settings;
            if (!_upload)
            {
                return report;
            }

            if (settings.TerminalKey == null)
            {
                report.Upload = UploadResult.Of(UploadOutcome.NotRequired);
                return report;
            }

            try
            {
                report.VerificationCode = RollUpload.ComputeCode(settings, report);
            }
            catch (Exception exception)
            {
                // A stored line that no longer reads back (flash damage) changes the count: no code rather than a wrong one.
                report.Upload = UploadResult.Failed("The verification code could not be computed: " + exception.Message, false);
                return report;
            }

            report.Upload = RollUpload.Run(exchange, settings, report);
            return report;
        }

        /// <summary>
        /// Reads the NOMEALUNO answers, in the order asked, and hands each student's line to the area at once.
        /// Until enrolment is known (no class scheduled, or no course), a known student counts as not enrolled.
        /// </summary>
        private void ReadNames(LookupExchange exchange, RollStudentReader students, int count, byte[] known)
        {
            ReportEntry entry = new ReportEntry();
            _area.Begin();
            students.Rewind();
            int read = 0;
            while (students.Next())
            {
                if (read == count)
                {
                    break;
                }

                string[] answer = exchange.ReadFields();

                // One undecodable name degrades one line: the server did answer with a name (not NAOEHALUNO), so
                // the student is known and enrolment is still asked; only the name is shown as unreadable.
                entry.StudentCode = students.Code;
                entry.SwipeUtc = students.SwipeUtc;
                entry.NameUnreadable = LookupAnswers.IsUnreadableName(answer);
                entry.StudentName = LookupAnswers.NameOrNull(answer, LookupProtocol.NotStudent, LookupProtocol.StudentName);
                entry.Late = false;
                bool isKnown = entry.StudentName != null || entry.NameUnreadable;
                entry.Status = isKnown ? AttendanceStatus.NotEnrolled : AttendanceStatus.UnknownStudent;
                if (isKnown)
                {
                    StudentBits.Set(known, read);
                }

                _area.Add(entry);
                read++;
            }

            if (read != count)
            {
                // The roll's record changed between two readings (flash damage): the answers would be misaligned.
                throw new LookupException(LookupFailure.ProtocolViolation, "The stored roll read back with " + read.ToString() + " students instead of "
                    + count.ToString() + "; the lookup will be repeated.");
            }
        }

        private RollReport Complete(RollReport report, byte[] enrolled, DateTime openedLocal, LookupClientSettings settings)
        {
            // A swipe is late when it comes more than the grace period after the slot's start on the opening day.
            bool markLate = report.ClassStartMinuteOfDay >= 0;
            DateTime latestOnTimeUtc = DateTime.MaxValue;
            report.LateAfterUtc = RollUpload.LatestOnTimeUtc(report.OpenedUtc, settings.UtcOffsetMinutes, report.ClassStartMinuteOfDay,
                settings.LateGraceMinutes);
            report.LateAfterKnown = true;
            if (markLate)
            {
                latestOnTimeUtc = report.LateAfterUtc;
            }

            _area.Complete(report, enrolled, markLate, latestOnTimeUtc);
            return report;
        }

        private RollReport NewReport(LookupClientSettings settings)
        {
            RollReport report = new RollReport();
            report.RollId = _roll.RollId;
            report.TerminalId = _roll.TerminalId;
            report.ProfessorCode = _roll.ProfessorCode;
            report.UtcOffsetMinutes = settings.UtcOffsetMinutes;
            report.OpenedUtc = _roll.OpenedUtc;
            report.ClosedUtc = _roll.ClosedUtc;
            report.ClosedAutomatically = _roll.ClosedAutomatically;
            report.StudentsPossiblyMissing = _roll.StudentsPossiblyMissing;
            return report;
        }
    }
}
