using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The question a configured statement answers: one per lookup command, the terminal key of AUTENTICAR, and two
/// optional set forms that answer many codes in one statement (the pipelined NOMEALUNO and MATRICULADO lines).
/// Its configuration key (Lookup:Mapping:Queries:&lt;key&gt;) is the protocol's command name (docs/mapping.md).
/// </summary>
public enum LookupQueryKind
{
    ProfessorEmail,
    ProfessorName,
    StudentName,
    ClassAt,
    ClassStart,
    CourseOfClass,
    CourseName,
    ClassName,
    Enrolled,
    TerminalKey,
    StudentNames,
    EnrolledStudents,
    ClassStudents,
    ProfessorClasses,
    StudentClasses,
}

/// <summary>What a statement is given and must give back; the start-up check holds each statement to it.</summary>
internal sealed record LookupQueryShape(LookupQueryKind Kind, string Key, string[] Required, string[] Optional, int Columns, bool IsSetForm = false, bool IsList = false)
{
    /// <summary>
    /// A statement a mapping may leave out: a set form (the server then asks one code at a time) or one of the
    /// portal's lists (the archive then reads our own schema's tables, which are empty on an institution's database).
    /// </summary>
    public bool MayBeLeftOut => IsSetForm || IsList;

    public IEnumerable<string> Supplied => Required.Concat(Optional);

    public static readonly LookupQueryShape[] All =
    {
        new(LookupQueryKind.ProfessorEmail, "EHPROFESSOR", ["professor"], [], 1),
        new(LookupQueryKind.ProfessorName, "NOMEPROFESSOR", ["professor"], [], 1),
        new(LookupQueryKind.StudentName, "NOMEALUNO", ["student"], [], 1),
        new(LookupQueryKind.ClassAt, "CODIGOCADEIRA", ["professor", "weekday", "time"], [], 1),
        new(LookupQueryKind.ClassStart, "INICIOCADEIRA", ["class", "weekday", "time"], [], 1),
        new(LookupQueryKind.CourseOfClass, "CODIGOCURSOCADEIRA", ["class"], [], 1),
        new(LookupQueryKind.CourseName, "NOMECURSO", ["course"], [], 1),
        new(LookupQueryKind.ClassName, "NOMECADEIRA", ["class"], [], 1),
        new(LookupQueryKind.Enrolled, "MATRICULADO", ["student", "class"], ["course", "year", "semester"], 1),
        new(LookupQueryKind.TerminalKey, "AUTENTICAR", ["terminal"], [], 1),
        // The set forms: an array parameter (@students); engines without arrays leave them out and the server asks
        // one code at a time.
        new(LookupQueryKind.StudentNames, "NOMEALUNO_SET", ["students"], [], 2, IsSetForm: true),
        new(LookupQueryKind.EnrolledStudents, "MATRICULADO_SET", ["students", "class"], ["course", "year", "semester"], 1, IsSetForm: true),
        // The portal's lists (Storage/SqlRollArchive.cs): the students enrolled in a class in a period (code, name),
        // for the class sheet's absent students; the classes a professor teaches, for the professor's scope.
        new(LookupQueryKind.ClassStudents, "ALUNOSMATRICULADOS", ["class", "year", "semester"], ["course"], 2, IsList: true),
        new(LookupQueryKind.ProfessorClasses, "CADEIRASDOPROFESSOR", ["professor"], [], 1, IsList: true),
        // The periods a student is enrolled in (class code, year, semester), for the student history: a class the
        // student never swiped in still has its row.
        new(LookupQueryKind.StudentClasses, "CADEIRASDOALUNO", ["student"], [], 3, IsList: true),
    };

    public static LookupQueryShape Of(LookupQueryKind kind) => All[(int)kind];
}

/// <summary>One configured statement, its text as configured and the named parameters it uses.</summary>
public sealed class LookupQuery
{
    internal LookupQuery(LookupQueryKind kind, string key, string text, IReadOnlyList<string> parameters)
    {
        Kind = kind;
        Key = key;
        Text = text;
        Parameters = parameters;
    }

    public LookupQueryKind Kind { get; }

    /// <summary>The configuration key (the command's name), for messages.</summary>
    public string Key { get; }

    public string Text { get; }

    /// <summary>The @names the text uses, each once, without the '@'.</summary>
    public IReadOnlyList<string> Parameters { get; }
}

/// <summary>
/// The statements the lookups run, with the institution's weekday numbering and time format: our own schema's
/// statements unless Lookup:Mapping configures others (docs/mapping.md). Values are only ever bound as named
/// parameters; the text is fixed at start-up.
/// </summary>
public sealed class LookupQueries
{
    private readonly LookupQuery?[] _queries;
    private readonly HashSet<string> _integerParameters;

    private LookupQueries(LookupQuery?[] queries, WeekdayMap weekdays, TimeFormat timeFormat, HashSet<string> integerParameters, bool isDefault)
    {
        _queries = queries;
        Weekdays = weekdays;
        TimeFormat = timeFormat;
        _integerParameters = integerParameters;
        IsDefault = isDefault;
    }

    public WeekdayMap Weekdays { get; }

    public TimeFormat TimeFormat { get; }

    /// <summary>True when every statement is our own schema's (the answer cache can then follow that schema's changes).</summary>
    public bool IsDefault { get; }

    /// <summary>The statement for <paramref name="kind"/>; null only for a set form the mapping leaves out.</summary>
    public LookupQuery? this[LookupQueryKind kind] => _queries[(int)kind];

    public IEnumerable<LookupQuery> All => _queries.Where(query => query != null)!;

    /// <summary>Our own schema's statements for <paramref name="provider"/>: the defaults, unchanged from before mappings.</summary>
    public static LookupQueries Default(DatabaseProvider provider) => Create(new MappingOptions(), provider);

    /// <summary>
    /// The statements of <paramref name="options"/> over our defaults. A statement that uses a parameter its command
    /// does not supply, or leaves out one it must use, is refused here (<see cref="StartRefusedException"/>), naming it.
    /// </summary>
    public static LookupQueries Create(MappingOptions options, DatabaseProvider provider)
    {
        var defaults = DefaultTexts(provider);
        var configured = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, text) in options.Queries)
        {
            if (LookupQueryShape.All.All(shape => !shape.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                throw new StartRefusedException("Lookup:Mapping:Queries:" + key + " is not a lookup the server asks (known: "
                    + string.Join(", ", LookupQueryShape.All.Select(shape => shape.Key)) + ").");
            }

            configured[key] = text ?? "";
        }

        var queries = new LookupQuery?[LookupQueryShape.All.Length];
        var isDefault = true;
        foreach (var shape in LookupQueryShape.All)
        {
            string? text;
            if (configured.TryGetValue(shape.Key, out var own))
            {
                isDefault = false;
                // An empty set form or list turns it off; an empty lookup is a mistake.
                if (string.IsNullOrWhiteSpace(own))
                {
                    if (!shape.MayBeLeftOut)
                    {
                        throw new StartRefusedException("Lookup:Mapping:Queries:" + shape.Key + " is empty; give the statement, or remove the key to use the default.");
                    }

                    continue;
                }

                text = own.Trim();
            }
            else if (shape.MayBeLeftOut && configured.Count > 0)
            {
                // A mapping that configures statements of its own does not inherit our schema's set forms and lists,
                // which read our tables: it gives its own, or goes one code at a time and the portal reads our own
                // tables (Storage/SqlRollArchive.cs).
                continue;
            }
            else
            {
                text = defaults.GetValueOrDefault(shape.Kind);
                if (text == null)
                {
                    continue;
                }
            }

            queries[(int)shape.Kind] = Parse(shape, text);
        }

        var integers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.IntegerParameters ?? [])
        {
            var trimmed = name.Trim().TrimStart('@');
            if (trimmed is not ("professor" or "student" or "class" or "course" or "terminal"))
            {
                throw new StartRefusedException("Lookup:Mapping:IntegerParameters: '" + name + "' is not a code parameter (professor, student, class, course, terminal).");
            }

            integers.Add(trimmed);
        }

        return new LookupQueries(queries, WeekdayMap.Parse(options.Weekdays), TimeFormats.Parse(options.TimeFormat), integers, isDefault && integers.Count == 0);
    }

    /// <summary>
    /// The value bound for a code parameter: as text, or as a number when the institution keeps that code as an
    /// integer (Lookup:Mapping:IntegerParameters); null when it is not one, so the answer is "not found" without a query.
    /// </summary>
    public object? Code(string parameter, string code)
    {
        if (!_integerParameters.Contains(parameter))
        {
            return code;
        }

        return code.Length > 0 && code.Length <= 18 && code.All(char.IsAsciiDigit)
            ? long.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
    }

    public bool IsInteger(string parameter) => _integerParameters.Contains(parameter);

    /// <summary>
    /// The named parameters of <paramref name="text"/>: @name outside quoted text, quoted identifiers and comments
    /// (MySQL's @@variables are not parameters). Checked against what the command supplies and must use.
    /// </summary>
    internal static LookupQuery Parse(LookupQueryShape shape, string text)
    {
        var first = text.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!first.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !first.Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartRefusedException("Lookup:Mapping:Queries:" + shape.Key + " must be a query (SELECT or WITH ...), not '" + Shorten(text) + "'.");
        }

        var used = ParameterNames(text);
        foreach (var name in used)
        {
            if (!shape.Supplied.Contains(name, StringComparer.Ordinal))
            {
                throw new StartRefusedException("Lookup:Mapping:Queries:" + shape.Key + " uses @" + name + ", which " + shape.Key + " does not supply (it supplies "
                    + string.Join(", ", shape.Supplied.Select(supplied => "@" + supplied)) + ").");
            }
        }

        foreach (var name in shape.Required)
        {
            if (!used.Contains(name))
            {
                throw new StartRefusedException("Lookup:Mapping:Queries:" + shape.Key + " does not use @" + name + ": without it every "
                    + shape.Key + " would get the same answer.");
            }
        }

        return new LookupQuery(shape.Kind, shape.Key, text, used);
    }

    public static List<string> ParameterNames(string text)
    {
        var names = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"' or '`')
            {
                // Quoted text or identifier; a doubled quote stays inside.
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == c)
                    {
                        if (i + 1 < text.Length && text[i + 1] == c)
                        {
                            i++;
                            continue;
                        }

                        break;
                    }
                }
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (c == '@')
            {
                if (i + 1 < text.Length && text[i + 1] == '@')
                {
                    i++;
                    while (i + 1 < text.Length && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_'))
                    {
                        i++;
                    }

                    continue;
                }

                var start = i + 1;
                var end = start;
                while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                if (end > start)
                {
                    var name = text[start..end];
                    if (!names.Contains(name))
                    {
                        names.Add(name);
                    }
                }

                i = end - 1;
            }
        }

        return names;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>
    /// Our own schema's statements (Storage/SchemaMigrator.cs): ISO weekdays, 'HH:MM' text times. Portable SQL (no
    /// LIMIT: the first row is the answer), so every engine runs them as they are; only the set forms are per engine.
    /// </summary>
    private static Dictionary<LookupQueryKind, string> DefaultTexts(DatabaseProvider provider)
    {
        var texts = new Dictionary<LookupQueryKind, string>
        {
            [LookupQueryKind.ProfessorEmail] = "SELECT email FROM professors WHERE code = @professor",
            [LookupQueryKind.ProfessorName] = "SELECT name FROM professors WHERE code = @professor",
            [LookupQueryKind.StudentName] = "SELECT name FROM students WHERE code = @student",
            [LookupQueryKind.ClassAt] = "SELECT t.class_code FROM teaching t JOIN schedule_slots s ON s.id = t.slot_id "
                + "WHERE t.professor_code = @professor AND s.weekday = @weekday AND s.start_time <= @time AND @time < s.end_time "
                + "ORDER BY s.start_time DESC, t.class_code",
            [LookupQueryKind.ClassStart] = "SELECT s.start_time FROM teaching t JOIN schedule_slots s ON s.id = t.slot_id "
                + "WHERE t.class_code = @class AND s.weekday = @weekday AND s.start_time <= @time AND @time < s.end_time "
                + "ORDER BY s.start_time DESC",
            [LookupQueryKind.CourseOfClass] = "SELECT course_code FROM classes WHERE code = @class",
            [LookupQueryKind.CourseName] = "SELECT name FROM courses WHERE code = @course",
            [LookupQueryKind.ClassName] = "SELECT name FROM classes WHERE code = @class",
            [LookupQueryKind.Enrolled] = "SELECT 1 FROM enrolments WHERE student_code = @student AND class_code = @class AND course_code = @course "
                + "AND year = @year AND semester = @semester",
            [LookupQueryKind.TerminalKey] = "SELECT key_hex FROM terminals WHERE id = @terminal",
            [LookupQueryKind.ClassStudents] = "SELECT DISTINCT e.student_code, s.name FROM enrolments e LEFT JOIN students s ON s.code = e.student_code "
                + "WHERE e.class_code = @class AND e.year = @year AND e.semester = @semester",
            [LookupQueryKind.ProfessorClasses] = "SELECT DISTINCT class_code FROM teaching WHERE professor_code = @professor",
            [LookupQueryKind.StudentClasses] = "SELECT DISTINCT class_code, year, semester FROM enrolments WHERE student_code = @student",
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            // One statement for the whole set; on SQLite one prepared statement per code costs less.
            texts[LookupQueryKind.StudentNames] = "SELECT code, name FROM students WHERE code = ANY(@students)";
            texts[LookupQueryKind.EnrolledStudents] = "SELECT student_code FROM enrolments WHERE class_code = @class AND course_code = @course "
                + "AND year = @year AND semester = @semester AND student_code = ANY(@students)";
        }

        return texts;
    }
}

/// <summary>
/// The institution's numbering of the weekdays: "iso" (1 = Monday ... 7 = Sunday, ours), "sunday1" (1 = Sunday
/// ... 7 = Saturday: Delphi's DayOfWeek, the original's), "sunday0" (0 = Sunday ... 6 = Saturday), or seven values,
/// Monday first, separated by commas ("2,3,4,5,6,7,1", or text such as "SEG,TER,QUA,QUI,SEX,SAB,DOM").
/// </summary>
public sealed class WeekdayMap
{
    private readonly object[] _values;

    private WeekdayMap(object[] values, string description)
    {
        _values = values;
        Description = description;
    }

    public string Description { get; }

    /// <summary>The value bound for @weekday for an ISO weekday (1 = Monday ... 7 = Sunday).</summary>
    public object Value(int isoWeekday) => _values[isoWeekday - 1];

    public static WeekdayMap Parse(string? setting)
    {
        var text = (setting ?? "").Trim();
        switch (text.ToLowerInvariant())
        {
            case "" or "iso":
                return new WeekdayMap([1, 2, 3, 4, 5, 6, 7], "iso");
            case "sunday1":
                return new WeekdayMap([2, 3, 4, 5, 6, 7, 1], "sunday1");
            case "sunday0":
                return new WeekdayMap([1, 2, 3, 4, 5, 6, 0], "sunday0");
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 7 || parts.Any(part => part.Length == 0) || parts.Distinct(StringComparer.Ordinal).Count() != 7)
        {
            throw new StartRefusedException("Lookup:Mapping:Weekdays must be iso, sunday1, sunday0 or seven different values, Monday first, "
                + "separated by commas; not '" + text + "'.");
        }

        var numbers = parts.All(part => int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return new WeekdayMap(parts.Select(part => numbers ? int.Parse(part, CultureInfo.InvariantCulture) : (object)part).ToArray(), text);
    }
}

/// <summary>How the institution stores a time of day: the @time parameter and the INICIOCADEIRA answer.</summary>
public enum TimeFormat
{
    /// <summary>'HH:MM' text (ours): compares correctly as text.</summary>
    HoursMinutesText,

    /// <summary>'HH:MM:SS' text.</summary>
    HoursMinutesSecondsText,

    /// <summary>A TIME column (bound as TimeOnly; the answer may come back as TimeSpan, TimeOnly or a timestamp).</summary>
    Time,

    /// <summary>An integer: minutes since midnight (570 for 09:30).</summary>
    Minutes,

    /// <summary>An integer: hours x 100 + minutes (930 for 09:30).</summary>
    HoursTimes100,
}

public static class TimeFormats
{
    public static TimeFormat Parse(string? setting) => (setting ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "hh:mm" => TimeFormat.HoursMinutesText,
        "hh:mm:ss" => TimeFormat.HoursMinutesSecondsText,
        "time" => TimeFormat.Time,
        "minutes" => TimeFormat.Minutes,
        "hhmm" => TimeFormat.HoursTimes100,
        _ => throw new StartRefusedException("Lookup:Mapping:TimeFormat must be hh:mm, hh:mm:ss, time, minutes or hhmm; not '" + setting + "'."),
    };

    /// <summary>The value bound for @time for a protocol time 'HH:MM'.</summary>
    public static object Value(TimeFormat format, string time)
    {
        var hours = int.Parse(time.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var minutes = int.Parse(time.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        return format switch
        {
            TimeFormat.HoursMinutesText => time,
            TimeFormat.HoursMinutesSecondsText => time + ":00",
            TimeFormat.Time => new TimeOnly(hours, minutes),
            TimeFormat.Minutes => hours * 60 + minutes,
            _ => hours * 100 + minutes,
        };
    }

    /// <summary>The protocol's 'HH:MM' for a stored time; null for a value that is not a time of day in that format.</summary>
    public static string? Text(TimeFormat format, object? value)
    {
        if (value == null || value is DBNull)
        {
            return null;
        }

        int total;
        switch (value)
        {
            case TimeSpan span:
                total = (int)span.TotalMinutes;
                break;
            case TimeOnly time:
                total = time.Hour * 60 + time.Minute;
                break;
            case DateTime instant:
                total = instant.Hour * 60 + instant.Minute;
                break;
            case string text when text.Length >= 5 && text[2] == ':' && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m):
                total = h * 60 + m;
                break;
            case string:
                return null;
            default:
                long number;
                try
                {
                    number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                }
                catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
                {
                    return null;
                }

                total = format == TimeFormat.HoursTimes100 ? (int)(number / 100 * 60 + number % 100) : (int)number;
                break;
        }

        return total is < 0 or >= 24 * 60 ? null : (total / 60).ToString("00", CultureInfo.InvariantCulture) + ":" + (total % 60).ToString("00", CultureInfo.InvariantCulture);
    }
}
