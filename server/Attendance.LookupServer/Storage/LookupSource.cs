using System.Data;
using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Where the lookups read and what they run: the institution's database (Lookup:Mapping:Database) with its
/// statements (Lookup:Mapping:Queries), or, by default, our own database (Lookup:Database) with our schema's. Our
/// own database keeps what the server writes (rolls, terminals, portal accounts, cache flushes) and is the only
/// one migrated; the institution's is only read. Terminal keys are in our own database (the `terminals` command).
/// </summary>
public sealed class LookupSource : IAsyncDisposable
{
    private LookupSource(LookupDatabase database, LookupDatabase own, LookupQueries queries, LookupQueries ownQueries)
    {
        Database = database;
        Own = own;
        Queries = queries;
        OwnQueries = ownQueries;
    }

    /// <summary>The database the lookups read.</summary>
    public LookupDatabase Database { get; }

    /// <summary>Our own database (Lookup:Database).</summary>
    public LookupDatabase Own { get; }

    /// <summary>The statements run on <see cref="Database"/>.</summary>
    public LookupQueries Queries { get; }

    /// <summary>The statements of <see cref="Own"/>'s engine: the AUTENTICAR one (terminal key) is taken from here.</summary>
    public LookupQueries OwnQueries { get; }

    public bool ReadsOwnDatabase => ReferenceEquals(Database, Own);

    /// <summary>
    /// True when the answer cache can see every change: the lookups read our own database with our own statements,
    /// whose tables carry the change triggers (SQLite's version counter, migration 5; PostgreSQL's notifications,
    /// migration 2). Otherwise answers last their time-to-live and `cache flush` empties the cache.
    /// </summary>
    public bool CacheFollowsChanges => ReadsOwnDatabase && Queries.IsDefault;

    /// <summary>The source of <paramref name="options"/>; a mapping that cannot work is refused (<see cref="StartRefusedException"/>).</summary>
    public static LookupSource Create(LookupServerOptions options, LookupDatabase own)
    {
        var mapping = options.Mapping;
        var database = mapping.HasOwnDatabase ? new LookupDatabase(mapping.Database, "Lookup:Mapping:Database") : own;
        var queries = LookupQueries.Create(mapping, database.Provider);
        var ownQueries = database.Provider == own.Provider ? queries : LookupQueries.Create(mapping, own.Provider);
        return new LookupSource(database, own, queries, ownQueries);
    }

    public ValueTask DisposeAsync() => ReadsOwnDatabase ? ValueTask.CompletedTask : Database.DisposeAsync();

    /// <summary>
    /// Prepares every statement on its database with harmless values and checks its result columns (their number
    /// everywhere; their types where the engine reports them before a row is read, i.e. not SQLite). The first that
    /// fails stops the start with a message naming the command and the database's error.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var query in Queries.All.Where(query => query.Kind != LookupQueryKind.TerminalKey))
        {
            await CheckAsync(Database, Queries, query, ReadsOwnDatabase ? "the database" : "the lookup database (Lookup:Mapping:Database)", cancellationToken);
        }

        await CheckAsync(Own, OwnQueries, OwnQueries[LookupQueryKind.TerminalKey]!, "our own database (Lookup:Database)", cancellationToken);
    }

    private static async Task CheckAsync(LookupDatabase database, LookupQueries queries, LookupQuery query, string where, CancellationToken cancellationToken)
    {
        var name = "Lookup:Mapping:Queries:" + query.Key;
        var shape = LookupQueryShape.Of(query.Kind);
        string? wrong;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = Sql.Command(connection, query.Text, null, SampleValues(queries, query));
            await command.PrepareAsync(cancellationToken);
            // SchemaOnly: described, not run (a read-only account is recommended all the same: docs/mapping.md).
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
            wrong = WrongColumns(database.Provider, queries.TimeFormat, shape, reader);
        }
        catch (DbException exception) when (TransientRetry.IsTransient(exception))
        {
            throw new StartRefusedException("cannot reach " + where + " to check " + name + ": " + exception.Message);
        }
        catch (DbException exception)
        {
            throw new StartRefusedException(name + " does not prepare on " + where + " (" + database.Provider + "): " + exception.Message
                + " Statement: " + query.Text);
        }

        if (wrong != null)
        {
            throw new StartRefusedException(name + " " + wrong + " Statement: " + query.Text);
        }
    }

    private static string? WrongColumns(DatabaseProvider provider, TimeFormat timeFormat, LookupQueryShape shape, DbDataReader reader)
    {
        if (reader.FieldCount != shape.Columns)
        {
            return "gives " + reader.FieldCount + " column" + (reader.FieldCount == 1 ? "" : "s") + "; " + shape.Key + " reads " + shape.Columns
                + (shape.Kind switch
                {
                    LookupQueryKind.StudentNames => " (the student's code, then the name).",
                    LookupQueryKind.EnrolledStudents => " (the code of each enrolled student).",
                    LookupQueryKind.ClassStudents => " (the code of each enrolled student, then the name).",
                    LookupQueryKind.ProfessorClasses => " (the code of each class the professor teaches).",
                    LookupQueryKind.StudentClasses => " (the code of each class the student is enrolled in, then the year, then the semester).",
                    LookupQueryKind.Enrolled => " (any value: a row means enrolled).",
                    _ => " (the answer).",
                });
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            // SQLite's columns have no fixed type: a value is converted (or found wanting) when it is read.
            return null;
        }

        for (var i = 0; i < reader.FieldCount; i++)
        {
            var type = reader.GetFieldType(i);
            if (type == typeof(byte[]))
            {
                return "gives binary data in column " + (i + 1) + " (" + reader.GetName(i) + "); answers are text or numbers.";
            }

            if (shape.Kind == LookupQueryKind.ClassStart && !FitsTimeFormat(type, timeFormat))
            {
                return "gives a " + type.Name + " start time, which Lookup:Mapping:TimeFormat " + timeFormat + " does not read (hh:mm and hh:mm:ss: text; "
                    + "time: TIME; minutes and hhmm: an integer).";
            }
        }

        return null;
    }

    private static bool FitsTimeFormat(Type type, TimeFormat format) => format switch
    {
        TimeFormat.HoursMinutesText or TimeFormat.HoursMinutesSecondsText => type == typeof(string),
        TimeFormat.Time => type == typeof(TimeSpan) || type == typeof(TimeOnly) || type == typeof(DateTime),
        _ => type == typeof(short) || type == typeof(int) || type == typeof(long) || type == typeof(decimal),
    };

    /// <summary>Values of the right types for the check: codes nobody has, Monday 09:00, 2000's first semester.</summary>
    private static (string Name, object Value)[] SampleValues(LookupQueries queries, LookupQuery query) =>
        query.Parameters.Select(parameter => ("@" + parameter, parameter switch
        {
            "weekday" => queries.Weekdays.Value(1),
            "time" => TimeFormats.Value(queries.TimeFormat, "09:00"),
            "year" => 2000,
            "semester" => (object)1,
            "students" => queries.IsInteger("student") ? new long[] { 0 } : new[] { "" },
            _ => queries.IsInteger(parameter) ? 0L : "",
        })).ToArray();
}
