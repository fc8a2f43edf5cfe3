using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Import;

/// <summary>What a column accepts; checked before anything is written.</summary>
public enum ColumnKind
{
    /// <summary>A code (Storage/DataRules.cs, ValueKind.Code).</summary>
    Code,

    /// <summary>A name shown to people (ValueKind.Name).</summary>
    Name,

    Email,

    TerminalId,

    /// <summary>Optional free text never sent to terminals (ValueKind.Description); empty is stored as NULL.</summary>
    OptionalText,
    Integer,
    Weekday,
    Time,
    EndTime,
    Semester,
    KeyHex,
}

public sealed record ImportColumn(string Name, ColumnKind Kind);

/// <summary>
/// The tables the import command may load, with their columns. Table and column names come only from this
/// list (they cannot be SQL parameters); values are always parameters.
/// </summary>
/// <param name="KeyCount">The first KeyCount columns are the table's primary key (upsert and replace match rows on it).</param>
public sealed record ImportTable(string Name, int KeyCount, IReadOnlyList<ImportColumn> Columns)
{
    public static readonly IReadOnlyList<ImportTable> All = new[]
    {
        new ImportTable("professors", 1, new[] { Code("code"), new ImportColumn("name", ColumnKind.Name), new ImportColumn("email", ColumnKind.Email) }),
        new ImportTable("students", 1, new[] { Code("code"), new ImportColumn("name", ColumnKind.Name) }),
        new ImportTable("courses", 1, new[] { Code("code"), new ImportColumn("name", ColumnKind.Name) }),
        new ImportTable("classes", 1, new[] { Code("code"), new ImportColumn("name", ColumnKind.Name), Code("course_code") }),
        new ImportTable("schedule_slots", 1, new[]
        {
            new ImportColumn("id", ColumnKind.Integer), new ImportColumn("weekday", ColumnKind.Weekday),
            new ImportColumn("start_time", ColumnKind.Time), new ImportColumn("end_time", ColumnKind.EndTime),
        }),
        new ImportTable("teaching", 3, new[] { Code("professor_code"), Code("class_code"), new ImportColumn("slot_id", ColumnKind.Integer) }),
        new ImportTable("enrolments", 5, new[]
        {
            Code("student_code"), Code("class_code"), Code("course_code"),
            new ImportColumn("year", ColumnKind.Integer), new ImportColumn("semester", ColumnKind.Semester),
        }),
        new ImportTable("terminals", 1, new[] { new ImportColumn("id", ColumnKind.TerminalId), new ImportColumn("key_hex", ColumnKind.KeyHex), new ImportColumn("description", ColumnKind.OptionalText) }),
    };

    public IEnumerable<ImportColumn> Keys => Columns.Take(KeyCount);

    public static ImportTable? Find(string name) => All.FirstOrDefault(table => table.Name == name);

    /// <summary>Converts a field for its column, or returns why not (the caller names the file, line and field).</summary>
    public static object? Convert(ImportColumn column, string value, out string? error)
    {
        error = null;
        var trimmed = value.Trim();
        switch (column.Kind)
        {
            case ColumnKind.Code:
            case ColumnKind.Name:
            case ColumnKind.Email:
            case ColumnKind.TerminalId:
                error = DataRules.Check(column.Kind switch
                {
                    ColumnKind.Code => ValueKind.Code,
                    ColumnKind.Name => ValueKind.Name,
                    ColumnKind.Email => ValueKind.Email,
                    _ => ValueKind.TerminalId,
                }, trimmed);
                return trimmed;
            case ColumnKind.OptionalText:
                if (trimmed.Length == 0)
                {
                    return DBNull.Value;
                }

                error = DataRules.Check(ValueKind.Description, trimmed);
                return trimmed;
            case ColumnKind.Integer:
                if (!int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    error = "'" + trimmed + "' is not a whole number";
                }

                return number;
            case ColumnKind.Weekday:
            case ColumnKind.Semester:
            {
                var limit = column.Kind == ColumnKind.Weekday ? 7 : 2;
                var parsed = LookupTime.ParseNumber(trimmed, 1);
                if (parsed < 1 || parsed > limit)
                {
                    error = "'" + trimmed + "' must be 1 to " + limit;
                }

                return parsed;
            }

            case ColumnKind.Time:
            case ColumnKind.EndTime:
                if (LookupTime.ParseMinuteOfDay(trimmed) < 0 && !(column.Kind == ColumnKind.EndTime && trimmed == "24:00"))
                {
                    error = "'" + trimmed + "' is not HH:MM";
                }

                return trimmed;
            case ColumnKind.KeyHex:
            {
                var key = HexText.ToBytes(trimmed);
                if (key == null || key.Length < 16)
                {
                    error = "must be at least 16 bytes as hex digits";
                }

                return trimmed.ToLowerInvariant();
            }

            default:
                throw new InvalidOperationException("Unknown column kind " + column.Kind);
        }
    }

    private static ImportColumn Code(string name) => new(name, ColumnKind.Code);
}
