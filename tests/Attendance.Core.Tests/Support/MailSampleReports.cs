using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>Roll reports and settings used by the mail tests.</summary>
    public static class MailSampleReports
    {
        public static MessageSettings Settings()
        {
            MessageSettings settings = new MessageSettings();
            settings.SenderAddress = "terminal-12@escola.example";
            settings.SenderName = "Terminal sala 12";
            settings.CcAddresses = new string[] { "secretaria@escola.example" };
            return settings;
        }

        /// <summary>A small roll with accents, a late student, a non-enrolled one and an unknown card.</summary>
        public static RollReport Small()
        {
            RollReport report = Base("T12-20240205T170000Z");
            report.Entries = new ReportEntry[]
            {
                Entry("20231234", "João Conceição", new DateTime(2024, 2, 5, 17, 2, 10), AttendanceStatus.Enrolled, false),
                Entry("20239876", "Ñandú Müller", new DateTime(2024, 2, 5, 17, 20, 0), AttendanceStatus.NotEnrolled, true),
                Entry("99999", null, new DateTime(2024, 2, 5, 17, 21, 5), AttendanceStatus.UnknownStudent, true),
                Entry("20230001", ".Ponto; \"Aspas\" = igual ", new DateTime(2024, 2, 5, 17, 3, 0), AttendanceStatus.Enrolled, false),
            };
            return report;
        }

        /// <summary>A roll of <paramref name="count"/> students with long accented names.</summary>
        public static RollReport Large(int count)
        {
            RollReport report = Base("T12-20240205T170000Z-large");
            report.Entries = new ReportEntry[count];
            for (int i = 0; i < count; i++)
            {
                report.Entries[i] = Entry((20230000 + i).ToString(), "Estudante Conceição da Silva Müller Ñandú " + i.ToString(),
                    new DateTime(2024, 2, 5, 17, 0, 0).AddSeconds(i * 7), i % 10 == 0 ? AttendanceStatus.NotEnrolled : AttendanceStatus.Enrolled,
                    i % 7 == 0);
            }

            return report;
        }

        public static RollReport Base(string rollId)
        {
            RollReport report = new RollReport();
            report.RollId = rollId;
            report.TerminalId = "T12";
            report.ProfessorCode = "P0042";
            report.ProfessorName = "Conceição Araújo";
            report.ProfessorEmail = "conceicao.araujo@escola.example";
            report.ClassCode = "MAT101";
            report.ClassName = "Cálculo Diferencial e Integral I";
            report.CourseCode = "ENG";
            report.CourseName = "Engenharia Civil";
            report.ClassStartMinuteOfDay = 14 * 60;
            report.UtcOffsetMinutes = -180;
            report.OpenedUtc = new DateTime(2024, 2, 5, 17, 0, 0);
            report.ClosedUtc = new DateTime(2024, 2, 5, 18, 40, 0);
            report.Entries = new ReportEntry[0];
            return report;
        }

        public static ReportEntry Entry(string code, string name, DateTime swipeUtc, AttendanceStatus status, bool late)
        {
            ReportEntry entry = new ReportEntry();
            entry.StudentCode = code;
            entry.StudentName = name;
            entry.SwipeUtc = swipeUtc;
            entry.Status = status;
            entry.Late = late;
            return entry;
        }

        /// <summary>
        /// Writes the message to a capture sink and returns its bytes. Tests that walk a whole message read these,
        /// not <see cref="Render"/>'s string: on the board s[i] counts a UTF-8 string from its start on every call.
        /// </summary>
        public static byte[] RenderBytes(RollReport report, MessageSettings settings)
        {
            Attendance.Core.Tests.Fakes.MailCaptureSink sink = new Attendance.Core.Tests.Fakes.MailCaptureSink();
            AttendanceMessageWriter.Write(report, settings, sink);
            return sink.ToArray();
        }

        /// <summary>Writes the message to a capture sink and returns its text.</summary>
        public static string Render(RollReport report, MessageSettings settings)
        {
            Attendance.Core.Tests.Fakes.MailCaptureSink sink = new Attendance.Core.Tests.Fakes.MailCaptureSink();
            AttendanceMessageWriter.Write(report, settings, sink);
            return sink.Text();
        }
    }
}
