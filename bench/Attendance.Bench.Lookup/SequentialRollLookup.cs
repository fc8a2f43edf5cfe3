using Attendance.Core.Lookup;
using Attendance.Core.Roll;

namespace Attendance.Bench.Lookup;

/// <summary>
/// The baseline: the same questions as RollReportBuilder, but flushing and waiting for each answer before the
/// next request, as the 2002 client did. Round trips grow with the roll (3 per student + 8).
/// </summary>
public static class SequentialRollLookup
{
    public static LookupOperation Create(LookupClient client, ClosedRoll roll) => exchange =>
    {
        exchange.Flush();
        client.ReadAuthentication(exchange);
        var local = LookupTime.ToLocal(roll.OpenedUtc, client.Settings.UtcOffsetMinutes);
        var weekday = LookupTime.IsoWeekday(local).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var time = LookupTime.FormatHourMinute(local);
        var report = new RollReport { RollId = roll.RollId, ProfessorCode = roll.ProfessorCode };
        report.ProfessorEmail = Ask1(exchange, LookupProtocol.IsProfessor, roll.ProfessorCode, LookupProtocol.NotProfessor);
        report.ProfessorName = Ask1(exchange, LookupProtocol.ProfessorName, roll.ProfessorCode, LookupProtocol.NotProfessor);
        exchange.Queue3(LookupProtocol.ClassAtTime, time, weekday, roll.ProfessorCode);
        exchange.Flush();
        report.ClassCode = LookupAnswers.ValueOrNull(exchange.ReadFields(), LookupProtocol.NoClassScheduled, LookupProtocol.ClassAtTime);
        report.CourseCode = Ask1(exchange, LookupProtocol.CourseOfClass, report.ClassCode!, LookupProtocol.NotClass);
        report.ClassName = Ask1(exchange, LookupProtocol.ClassName, report.ClassCode!, LookupProtocol.NotClass);
        report.CourseName = Ask1(exchange, LookupProtocol.CourseName, report.CourseCode!, LookupProtocol.NotCourse);
        // The students one at a time: from the arrays of a roll built here, from flash for a roll the outbox hands over.
        var entries = new List<ReportEntry>();
        var students = roll.OpenStudents();
        while (students.Next())
        {
            var entry = new ReportEntry { StudentCode = students.Code, SwipeUtc = students.SwipeUtc };
            entry.StudentName = Ask1(exchange, LookupProtocol.StudentName, entry.StudentCode, LookupProtocol.NotStudent);
            exchange.Queue5(LookupProtocol.IsEnrolled, entry.StudentCode, report.ClassCode!, report.CourseCode!,
                local.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), local.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            exchange.Flush();
            entry.Status = LookupAnswers.IsEnrolled(exchange.ReadFields()) ? AttendanceStatus.Enrolled : AttendanceStatus.NotEnrolled;
            entries.Add(entry);
        }

        report.Entries = entries.ToArray();
        return report;
    };

    private static string? Ask1(LookupExchange exchange, string command, string argument, string notFound)
    {
        exchange.Queue1(command, argument);
        exchange.Flush();
        return LookupAnswers.ValueOrNull(exchange.ReadFields(), notFound, command);
    }
}
