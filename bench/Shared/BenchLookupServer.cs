using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Attendance.Bench.Shared;

/// <summary>
/// The real lookup server on loopback, on a fresh SQLite file with the demo data plus <c>extraStudents</c>
/// students (codes <see cref="StudentCode"/>, accented names), two thirds of them enrolled in every demo class
/// this year, so a roll of hundreds of distinct students finds names and a mix of enrolled and not enrolled.
/// Logging is off: the benchmarks time the server, not a console.
/// </summary>
public sealed class BenchLookupServer : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string folder;

    private BenchLookupServer(IHost host, string folder, string connectionString)
    {
        this.host = host;
        this.folder = folder;
        ConnectionString = connectionString;
    }

    public int Port => host.Services.GetRequiredService<LookupListener>().BoundPort;

    public string ConnectionString { get; }

    public IServiceProvider Services => host.Services;

    public static string StudentCode(int index) => "S" + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Two of every three bench students are enrolled (the others appear as "not enrolled").</summary>
    public static bool IsEnrolled(int index) => index % 3 != 2;

    public static async Task<BenchLookupServer> StartAsync(int extraStudents, params string[] extraArguments)
    {
        var folder = Path.Combine(Path.GetTempPath(), "attendance-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = "Data Source=" + Path.Combine(folder, "bench.db");
        var builder = LookupServerApp.CreateBuilder([
            "--Lookup:BindAddress=127.0.0.1", "--Lookup:Port=0", "--Lookup:Database:SampleData=true",
            "--Lookup:Database:ConnectionString=" + connectionString, .. extraArguments,
        ]);
        builder.Logging.ClearProviders();
        var host = builder.Build();
        await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
        await AddStudentsAsync(connectionString, extraStudents);
        await host.StartAsync();
        return new BenchLookupServer(host, folder, connectionString);
    }

    private static async Task AddStudentsAsync(string connectionString, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var year = DateTime.UtcNow.Year;
        for (var i = 0; i < count; i++)
        {
            Execute("INSERT INTO students (code, name) VALUES ($code, $name)", ("$code", StudentCode(i)), ("$name", "Estudante Conceição Müller Ñandú " + i));
            if (!IsEnrolled(i))
            {
                continue;
            }

            foreach (var (classCode, _, course, _, _) in SampleData.Classes)
            {
                for (var semester = 1; semester <= 2; semester++)
                {
                    Execute("INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES ($student, $class, $course, $year, $semester)",
                        ("$student", StudentCode(i)), ("$class", classCode), ("$course", course), ("$year", year), ("$semester", semester));
                }
            }
        }

        transaction.Commit();

        void Execute(string text, params (string Name, object Value)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
