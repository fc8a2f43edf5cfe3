using System.Text;
using Attendance.LookupServer.Import;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>`import <table> <file.csv>` end to end: the real command, a real file, a real database.</summary>
[TestClass]
public class ImportCommandTests
{
    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    public async Task Semicolon_CSV_with_quotes_accents_and_BOM_is_imported(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        var csv = "\uFEFFcode;name\r\nB1;\"Gonçalves; Inês\"\r\nB2;\"Ana \"\"Nita\"\" Sá\"\r\n\r\nB3;Ñandú Müller\r\n";

        var (status, output, errors) = await ImportAsync(provider, connectionString, "students", csv);

        Assert.AreEqual(0, status, errors);
        Assert.Contains("3 rows imported into students", output);
        await using var database = Open(provider, connectionString);
        var store = new SqlLookupStore(database);
        Assert.AreEqual("Gonçalves; Inês", await store.FindStudentNameAsync("B1", CancellationToken.None));
        Assert.AreEqual("Ana \"Nita\" Sá", await store.FindStudentNameAsync("B2", CancellationToken.None));
        Assert.AreEqual("Ñandú Müller", await store.FindStudentNameAsync("B3", CancellationToken.None));
    }

    [TestMethod]
    public async Task Comma_CSV_in_any_column_order_is_imported()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var csv = "email,code,name\nprof@example.edu,P7,\"Araújo, Conceição\"\n";

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, "professors", csv);

        Assert.AreEqual(0, status, errors);
        await using var database = Open(Servers.Sqlite, connectionString);
        Assert.AreEqual("Araújo, Conceição", await new SqlLookupStore(database).FindProfessorNameAsync("P7", CancellationToken.None));
    }

    [TestMethod]
    public async Task Bad_rows_are_reported_by_line_and_nothing_is_imported()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var csv = "id;weekday;start_time;end_time\n1;1;08:00;10:00\n2;8;08:00;10:00\n3;\"2\nx\";08:00;10:00\n4;2;8h;24:00\n5;3;10:00\n6;3;10:00;24:00\n";

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, "schedule_slots", csv);

        Assert.AreEqual(1, status);
        StringAssert.Contains(errors, "line 3: weekday '8' must be 1 to 7");
        StringAssert.Contains(errors, "line 4: weekday");
        StringAssert.Contains(errors, "line 6: start_time '8h' is not HH:MM");
        StringAssert.Contains(errors, "line 7: 3 fields, expected 4");
        Assert.DoesNotContain("line 2:", errors);
        Assert.DoesNotContain("line 8:", errors);
        Assert.AreEqual(0, await CountAsync(Servers.Sqlite, connectionString, "schedule_slots"));
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    public async Task A_row_the_database_refuses_rolls_back_the_whole_file(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        var csv = "code;name;course_code\nK1;Física;ENG\nK2;Química;NOPE\nK3;Biologia;ENG\n";
        Assert.AreEqual(0, (await ImportAsync(provider, connectionString, "courses", "code;name\nENG;Engenharia\n")).Status);

        var (status, _, errors) = await ImportAsync(provider, connectionString, "classes", csv);

        Assert.AreEqual(1, status);
        StringAssert.Contains(errors, "line 3: the database refused the row");
        Assert.AreEqual(0, await CountAsync(provider, connectionString, "classes"));
    }

    [TestMethod]
    [DataRow("students", "code;name;age\nB1;Ana;20\n", "line 1: unknown column 'age'")]
    [DataRow("students", "code\nB1\n", "line 1: missing column 'name'")]
    [DataRow("pupils", "code;name\nB1;Ana\n", "unknown table 'pupils'")]
    [DataRow("students", "code;name\nB1;\"Ana\n", "line 2: quoted field not closed")]
    [DataRow("terminals", "id;key_hex\nT9;abc\n", "line 2: key_hex must be at least 16 bytes")]
    [DataRow("students", "code;name\n;Ana\n", "line 2: code is empty")]
    public async Task Header_and_format_problems_are_explained(string table, string csv, string expected)
    {
        var (status, _, errors) = await ImportAsync(Servers.Sqlite, Servers.NewSqliteConnectionString(), table, csv);

        Assert.AreEqual(1, status);
        StringAssert.Contains(errors, expected);
    }

    [TestMethod]
    public async Task A_file_that_is_not_UTF8_is_refused()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes("code;name\nB1;Concei\u00e7\u00e3o\n"));
        var errors = new StringWriter();

        var status = await ImportCommand.RunAsync(["students", file, "--Lookup:Database:ConnectionString=" + Servers.NewSqliteConnectionString()], new StringWriter(), errors);

        File.Delete(file);
        Assert.AreEqual(1, status);
        StringAssert.Contains(errors.ToString(), "is not valid UTF-8");
    }

    private static async Task<(int Status, string Output, string Errors)> ImportAsync(string provider, string connectionString, string table, string csv)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, csv, new UTF8Encoding(false));
            var output = new StringWriter();
            var errors = new StringWriter();
            var status = await ImportCommand.RunAsync(
                [table, file, "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString], output, errors);
            return (status, output.ToString(), errors.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static LookupDatabase Open(string provider, string connectionString) =>
        new(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

    private static async Task<int> CountAsync(string provider, string connectionString, string table)
    {
        await using var database = Open(provider, connectionString);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
