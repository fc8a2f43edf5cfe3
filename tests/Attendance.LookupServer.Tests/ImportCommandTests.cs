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
    [DataRow(Servers.MariaDb)]
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
        StringAssert.Contains(errors, "line 3, field 'weekday': '8' must be 1 to 7");
        StringAssert.Contains(errors, "line 4, field 'weekday'");
        StringAssert.Contains(errors, "line 6, field 'start_time': '8h' is not HH:MM");
        StringAssert.Contains(errors, "line 7: 3 fields, expected 4");
        Assert.DoesNotContain("line 2:", errors);
        Assert.DoesNotContain("line 8:", errors);
        Assert.AreEqual(0, await CountAsync(Servers.Sqlite, connectionString, "schedule_slots"));
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
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
    [DataRow("terminals", "id;key_hex\nT9;abc\n", "line 2, field 'key_hex': must be at least 16 bytes")]
    [DataRow("students", "code;name\n;Ana\n", "line 2, field 'code': is empty")]
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
        StringAssert.Contains(errors.ToString(), " line 2: byte 10 (0xE7) is not UTF-8");
    }

    [TestMethod]
    [DataRow("students", "code;name\nB1;Jo\u0000ão\n", "line 2, field 'name': holds U+0000 at character 3")]
    [DataRow("students", "code;name\nB1;\"Jo\r\não\"\n", "line 2, field 'name': holds U+000D at character 3")]
    [DataRow("students", "code;name\nB1;Jo\u0085ão\n", "line 2, field 'name': holds U+0085")]
    [DataRow("students", "code;name\nB\u00071;Ana\n", "line 2, field 'code': holds U+0007")]
    [DataRow("students", "code;name\nBé1;Ana\n", "line 2, field 'code': holds U+00E9 at character 2; a code is printable ASCII")]
    [DataRow("students", "code;name\nB|1;Ana\n", "line 2, field 'code': holds '|'")]
    [DataRow("professors", "code;name;email\nP1;Ana;ana at example.edu\n", "line 2, field 'email': is not an address the terminal can mail")]
    [DataRow("terminals", "id;key_hex\nroom 2;00112233445566778899aabbccddeeff\n", "line 2, field 'id': holds a space at character 5; a terminal id is printable ASCII without spaces, '|' or '\\'")]
    [DataRow("students", "code;name\nB1;Ana\nB2;Rui\nB1;Eva\n", "line 4: the key (code 'B1') repeats line 2")]
    [DataRow("enrolments", "student_code;class_code;course_code;year;semester\nA;C;K;2026;1\nA;C;K;2026;1\n", "line 3: the key (student_code 'A', class_code 'C', course_code 'K', year '2026', semester '1') repeats line 2")]
    public async Task Values_that_break_the_data_rules_are_refused_naming_file_line_and_field(string table, string csv, string expected)
    {
        var connectionString = Servers.NewSqliteConnectionString();

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, table, csv);

        Assert.AreEqual(1, status, errors);
        StringAssert.Contains(errors, expected);
        StringAssert.Matches(errors, new System.Text.RegularExpressions.Regex(@"import: \S+\.tmp line \d"), "the error names the file");
        Assert.AreEqual(0, await CountAsync(Servers.Sqlite, connectionString, table));
    }

    [TestMethod]
    [DataRow("x", 512, true)]
    [DataRow("x", 513, false)]
    [DataRow("ç", 256, true)]
    [DataRow("ç", 257, false)]
    [DataRow("€", 170, true)]
    [DataRow("€", 171, false)]
    [DataRow("😀", 128, true)]
    [DataRow("😀", 129, false)]
    [DataRow("|", 256, true)]
    [DataRow("|", 257, false)]
    [DataRow("\\", 257, false)]
    public async Task Names_are_limited_by_their_bytes_as_sent(string unit, int count, bool accepted)
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var name = string.Concat(Enumerable.Repeat(unit, count));

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, "students", "code;name\nB1;\"" + name + "\"\n");

        Assert.AreEqual(accepted ? 0 : 1, status, errors);
        if (!accepted)
        {
            StringAssert.Contains(errors, "line 2, field 'name': is " + (count * System.Text.Encoding.UTF8.GetByteCount(unit) * (unit is "|" or "\\" ? 2 : 1)) + " bytes as sent");
        }
    }

    [TestMethod]
    [DataRow(64, true)]
    [DataRow(65, false)]
    public async Task Codes_longer_than_a_request_can_carry_are_refused(int length, bool accepted)
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var code = new string('K', length);

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, "courses", "code;name\n" + code + ";Curso\n");

        Assert.AreEqual(accepted ? 0 : 1, status, errors);
        if (!accepted)
        {
            StringAssert.Contains(errors, "line 2, field 'code': is 65 characters long; a code has at most 64");
        }
    }

    [TestMethod]
    public async Task A_UTF16_file_is_named_as_such()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("code;name\nB1;Ana\n")).ToArray());
        var errors = new StringWriter();

        var status = await ImportCommand.RunAsync(["students", file, "--Lookup:Database:ConnectionString=" + Servers.NewSqliteConnectionString()], new StringWriter(), errors);

        File.Delete(file);
        Assert.AreEqual(1, status);
        StringAssert.Contains(errors.ToString(), "line 1: starts with a UTF-16 byte order mark");
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
    public async Task Upsert_updates_existing_keys_and_adds_new_ones(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        Assert.AreEqual(0, (await ImportAsync(provider, connectionString, "students", "code;name\nB1;Ana\nB2;Rui\n")).Status);

        var again = await ImportAsync(provider, connectionString, "students", "code;name\nB2;Rui Sá\nB3;Eva\n");
        var (status, output, errors) = await ImportAsync(provider, connectionString, "students", "code;name\nB2;Rui Sá\nB3;Eva\n", "--upsert");

        Assert.AreEqual(1, again.Status, "a plain import still refuses a key already there");
        StringAssert.Contains(again.Errors, "line 2: the database refused the row");
        Assert.AreEqual(0, status, errors);
        StringAssert.Contains(output, "2 rows imported into students (upsert, ");
        await using var database = Open(provider, connectionString);
        var store = new SqlLookupStore(database);
        Assert.AreEqual("Ana", await store.FindStudentNameAsync("B1", CancellationToken.None));
        Assert.AreEqual("Rui Sá", await store.FindStudentNameAsync("B2", CancellationToken.None));
        Assert.AreEqual("Eva", await store.FindStudentNameAsync("B3", CancellationToken.None));
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
    public async Task Replace_leaves_exactly_the_files_rows_or_nothing_changes(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        Assert.AreEqual(0, (await ImportAsync(provider, connectionString, "courses", "code;name\nENG;Engenharia\nGES;Gestão\nART;Artes\n")).Status);
        Assert.AreEqual(0, (await ImportAsync(provider, connectionString, "classes", "code;name;course_code\nC1;Cálculo;ENG\n")).Status);

        var (status, output, errors) = await ImportAsync(provider, connectionString, "courses", "code;name\nENG;Engenharia Informática\nMAT;Matemática\n", "--replace");

        Assert.AreEqual(0, status, errors);
        StringAssert.Contains(output, "2 rows imported into courses (replace, ");
        StringAssert.Contains(output, "2 rows not in the file deleted");
        Assert.AreEqual(2, await CountAsync(provider, connectionString, "courses"));
        await using (var database = Open(provider, connectionString))
        {
            var store = new SqlLookupStore(database);
            Assert.AreEqual("Engenharia Informática", await store.FindCourseNameAsync("ENG", CancellationToken.None));
            Assert.IsNull(await store.FindCourseNameAsync("GES", CancellationToken.None));
        }

        // ENG is still referenced by class C1: replacing courses without it must fail and change nothing.
        var refused = await ImportAsync(provider, connectionString, "courses", "code;name\nMAT;Mat\n", "--replace");

        Assert.AreEqual(1, refused.Status, refused.Errors);
        StringAssert.Contains(refused.Errors, "the row (code 'ENG') is not in the file but could not be deleted: other tables still refer to it");
        await using (var database = Open(provider, connectionString))
        {
            Assert.AreEqual("Matemática", await new SqlLookupStore(database).FindCourseNameAsync("MAT", CancellationToken.None));
        }
    }

    [TestMethod]
    public async Task Upsert_and_replace_exclude_each_other()
    {
        var (status, _, errors) = await ImportAsync(Servers.Sqlite, Servers.NewSqliteConnectionString(), "students", "code;name\nB1;Ana\n", "--upsert --replace".Split(' ')[0]);
        Assert.AreEqual(0, status, errors);

        var file = Path.GetTempFileName();
        var errorText = new StringWriter();
        var both = await ImportCommand.RunAsync(["--upsert", "--replace", "students", file], new StringWriter(), errorText);
        File.Delete(file);
        Assert.AreEqual(2, both);
        StringAssert.Contains(errorText.ToString(), "--upsert and --replace exclude each other");
    }

    [TestMethod]
    public async Task Import_terminals_with_upsert_replaces_a_key()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        Assert.AreEqual(0, (await ImportAsync(Servers.Sqlite, connectionString, "terminals", "id;key_hex\nT7;00112233445566778899aabbccddeeff\n")).Status);

        var (status, _, errors) = await ImportAsync(Servers.Sqlite, connectionString, "terminals", "id;key_hex;description\nT7;FFEEDDCCBBAA99887766554433221100;sala 2\n", "--upsert");

        Assert.AreEqual(0, status, errors);
        await using var database = Open(Servers.Sqlite, connectionString);
        Assert.AreEqual("ffeeddccbbaa99887766554433221100", await new SqlLookupStore(database).FindTerminalKeyHexAsync("T7", CancellationToken.None));
    }

    private static Task<(int Status, string Output, string Errors)> ImportAsync(string provider, string connectionString, string table, string csv, string? mode = null) =>
        CsvImport.RunAsync(connectionString, table, csv, provider, mode);

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
