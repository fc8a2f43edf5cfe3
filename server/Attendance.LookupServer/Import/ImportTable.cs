using Attendance.Core.Lookup;
using Attendance.Core.Security;

namespace Attendance.LookupServer.Import;

/// <summary>What a column accepts; checked before anything is written.</summary>
public enum ColumnKind
{
    Text,
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
public sealed record ImportTable(string Name, IReadOnlyList<ImportColumn> Columns)
{
    public static readonly IReadOnlyList<ImportTable> All = new[]
    {
        new ImportTable("professors", new[] { Column("code"), Column("name"), Column("email") }),
        new ImportTable("students", new[] { Column("code"), Column("name") }),
        new ImportTable("courses", new[] { Column("code"), Column("name") }),
        new ImportTable("classes", new[] { Column("code"), Column("name"), Column("course_code") }),
        new ImportTable("schedule_slots", new[]
        {
            new ImportColumn("id", ColumnKind.Integer), new ImportColumn("weekday", ColumnKind.Weekday),
            new ImportColumn("start_time", ColumnKind.Time), new ImportColumn("end_time", ColumnKind.EndTime),
        }),
        new ImportTable("teaching", new[] { Column("professor_code"), Column("class_code"), new ImportColumn("slot_id", ColumnKind.Integer) }),
        new ImportTable("enrolments", new[]
        {
            Column("student_code"), Column("class_code"), Column("course_code"),
            new ImportColumn("year", ColumnKind.Integer), new ImportColumn("semester", ColumnKind.Semester),
        }),
        new ImportTable("terminals", new[] { Column("id"), new ImportColumn("key_hex", ColumnKind.KeyHex), new ImportColumn("description", ColumnKind.OptionalText) }),
    };

    public static ImportTable? Find(string name) => All.FirstOrDefault(table => table.Name == name);

    /// <summary>Converts a field for its column, or returns an error message.</summary>
    public static object? Convert(ImportColumn column, string value, out string? error)
    {
        error = null;
        var trimmed = value.Trim();
        switch (column.Kind)
        {
            case ColumnKind.Text:
                if (trimmed.Length == 0)
                {
                    error = column.Name + " is empty";
                }

                return trimmed;
            case ColumnKind.OptionalText:
                return trimmed.Length == 0 ? DBNull.Value : trimmed;
            case ColumnKind.Integer:
                if (!int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    error = column.Name + " '" + trimmed + "' is not a whole number";
                }

                return number;
            case ColumnKind.Weekday:
            case ColumnKind.Semester:
            {
                var limit = column.Kind == ColumnKind.Weekday ? 7 : 2;
                var parsed = LookupTime.ParseNumber(trimmed, 1);
                if (parsed < 1 || parsed > limit)
                {
                    error = column.Name + " '" + trimmed + "' must be 1 to " + limit;
                }

                return parsed;
            }

            case ColumnKind.Time:
            case ColumnKind.EndTime:
                if (LookupTime.ParseMinuteOfDay(trimmed) < 0 && !(column.Kind == ColumnKind.EndTime && trimmed == "24:00"))
                {
                    error = column.Name + " '" + trimmed + "' is not HH:MM";
                }

                return trimmed;
            case ColumnKind.KeyHex:
            {
                var key = HexText.ToBytes(trimmed);
                if (key == null || key.Length < 16)
                {
                    error = column.Name + " must be at least 16 bytes as hex digits";
                }

                return trimmed.ToLowerInvariant();
            }

            default:
                throw new InvalidOperationException("Unknown column kind " + column.Kind);
        }
    }

    private static ImportColumn Column(string name) => new(name, ColumnKind.Text);
}
