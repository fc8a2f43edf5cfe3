using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;
using Attendance.Host.Adapters;

namespace Attendance.LookupServer.Tests;

/// <summary>The board's client (Core) against the real server over real TCP, with the PC's socket connector.</summary>
public abstract class RollReportBuilderOverTcpTests
{
    protected abstract string Provider { get; }

    [TestMethod]
    public async Task A_roll_becomes_a_full_report_in_four_round_trips()
    {
        var server = await Servers.GetAsync(Provider);
        var (builder, client) = NewBuilder(server.Port);
        var roll = Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001", "A2004", "X0000", "A2002");
        roll.SwipeTimesUtc[3] = new DateTime(2026, 11, 23, 10, 0, 0);

        var report = await Task.Run(() => builder.Build(roll));

        Assert.AreEqual("conceicao.araujo@example.edu", report.ProfessorEmail);
        Assert.AreEqual("Conceição Araújo", report.ProfessorName);
        Assert.AreEqual("C101", report.ClassCode);
        Assert.AreEqual("Cálculo I", report.ClassName);
        Assert.AreEqual("ENG", report.CourseCode);
        Assert.AreEqual("Engenharia Informática", report.CourseName);
        Assert.AreEqual(8 * 60, report.ClassStartMinuteOfDay);
        Assert.AreEqual(4, client.LastRoundTrips);
        Assert.AreEqual("João Conceição", report.Entries[0].StudentName);
        Assert.AreEqual(AttendanceStatus.Enrolled, report.Entries[0].Status);
        Assert.AreEqual(AttendanceStatus.NotEnrolled, report.Entries[1].Status);
        Assert.AreEqual(AttendanceStatus.UnknownStudent, report.Entries[2].Status);
        Assert.IsNull(report.Entries[2].StudentName);
        Assert.AreEqual("Ñandú Müller", report.Entries[3].StudentName);
        Assert.IsTrue(report.Entries[0].Late, "09:30 is after 08:00 + 15 min");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(300)]
    public async Task Round_trips_do_not_grow_with_the_roll(int students)
    {
        var server = await Servers.GetAsync(Provider);
        var (builder, client) = NewBuilder(server.Port);
        var codes = Enumerable.Range(0, students).Select(i => Storage.SampleData.Students[i % 5].Code + (i < 5 ? "" : "-" + i)).ToArray();
        var roll = Roll(new DateTime(2026, 11, 24, 13, 0, 0), codes);

        var report = await Task.Run(() => builder.Build(roll));

        Assert.AreEqual(4, client.LastRoundTrips);
        Assert.AreEqual(students, report.Entries.Length);
        Assert.AreEqual("C102", report.ClassCode);
        Assert.AreEqual("João Conceição", report.Entries[0].StudentName);
        Assert.AreEqual(AttendanceStatus.Enrolled, report.Entries[0].Status);
    }

    [TestMethod]
    public async Task Names_breaking_the_data_rules_arrive_repaired_and_the_roll_still_builds()
    {
        // Rows written by direct SQL around the import's data rules (Storage/DataRules.cs): before the rules the
        // server sent them as they were and the board could only mark them unreadable; now the server answers a
        // name the board can show (control characters as '?', cut to fit the line with "...").
        // The board's own degradation of undecodable names stays covered by the Core tests' scripted server.
        // A fresh database of its own: the shared one stays as SampleData made it.
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);
        var odd = new (string Code, string Name)[]
        {
            ("Z-TAB", "João\tConceição"),
            ("Z-CTL", "Ana\u0001Silva"),
            ("Z-LONG", new string('Á', 300)),
            ("Z-HUGE", new string('x', 2000)),
            ("Z-PIPES", new string('|', 400)),
        };
        await using (var database = new Storage.LookupDatabase(new DatabaseOptions { Provider = Provider, ConnectionString = connectionString }))
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            foreach (var (code, name) in odd)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO students (code, name) VALUES (@code, @name)";
                var codeParameter = command.CreateParameter();
                codeParameter.ParameterName = "@code";
                codeParameter.Value = code;
                command.Parameters.Add(codeParameter);
                var nameParameter = command.CreateParameter();
                nameParameter.ParameterName = "@name";
                nameParameter.Value = name;
                command.Parameters.Add(nameParameter);
                await command.ExecuteNonQueryAsync();
            }
        }

        await using var server = await RunningServer.StartAsync(Provider, connectionString);
        var (builder, client) = NewBuilder(server.Port);
        var codes = new[] { "A2001" }.Concat(odd.Select(student => student.Code)).Append("X0000").ToArray();

        var report = await Task.Run(() => builder.Build(Roll(new DateTime(2026, 11, 23, 9, 30, 0), codes)));

        Assert.AreEqual(4, client.LastRoundTrips);
        Assert.AreEqual("João Conceição", report.Entries[0].StudentName);
        Assert.AreEqual(AttendanceStatus.Enrolled, report.Entries[0].Status);
        var repaired = new[]
        {
            "João?Conceição", "Ana?Silva", new string('Á', 254) + "...", new string('x', 509) + "...", new string('|', 254) + "...",
        };
        for (var i = 1; i <= odd.Length; i++)
        {
            Assert.IsFalse(report.Entries[i].NameUnreadable, odd[i - 1].Code);
            Assert.AreEqual(repaired[i - 1], report.Entries[i].StudentName, odd[i - 1].Code);
            Assert.AreEqual(AttendanceStatus.NotEnrolled, report.Entries[i].Status, odd[i - 1].Code);
        }

        Assert.AreEqual(AttendanceStatus.UnknownStudent, report.Entries[^1].Status);
        Assert.IsFalse(report.Entries[^1].NameUnreadable);
        Assert.AreEqual("Engenharia Informática", report.CourseName);
    }

    [TestMethod]
    public async Task The_close_uploads_the_roll_in_one_more_round_trip_and_a_retry_stores_it_once_with_the_terminals_code()
    {
        // The terminal's side (Core's RollUpload, step 5 of the close) against the server's (the roll store): the
        // lines, the code computed by the terminal and recomputed by the server, and the idempotent retry.
        var server = await Servers.GetAsync(Provider);
        var (builder, client) = NewBuilder(server.Port);
        var roll = Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001", "A2004", "X0000");
        roll.RollId = RollUploads.NewRollId();

        var report = await Task.Run(() => builder.BuildAndUpload(roll, null));

        Assert.AreEqual(UploadOutcome.Stored, report.Upload.Outcome, report.Upload.Error);
        Assert.AreEqual(5, client.LastRoundTrips);
        Assert.IsNotNull(VerificationCode.Normalise(report.VerificationCode));
        Assert.AreEqual(VerificationCode.Normalise(report.VerificationCode), await StoredCodeAsync(server.ConnectionString, roll.RollId),
            "the server keeps the code normalised");

        var retried = await Task.Run(() => builder.Upload(report));

        Assert.AreEqual(UploadOutcome.Stored, retried.Outcome, retried.Error);
        Assert.AreEqual(2, client.LastRoundTrips, "the greeting, then AUTENTICAR and the whole upload in one batch");
        Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));
    }

    private async Task<string?> StoredCodeAsync(string connectionString, string rollId)
    {
        await using var connection = await RollUploads.OpenAsync(Provider, connectionString);
        await using var command = RollUploads.Command(connection, "SELECT verification_code FROM rolls WHERE roll_id = @id", ("@id", rollId));
        return (string?)await command.ExecuteScalarAsync();
    }

    [TestMethod]
    public async Task The_professor_directory_answers_email_or_null()
    {
        var server = await Servers.GetAsync(Provider);
        var (_, client) = NewBuilder(server.Port);
        var directory = new LookupProfessorDirectory(client);

        Assert.AreEqual("conceicao.araujo@example.edu", await Task.Run(() => directory.FindProfessorEmail("P1001")));
        Assert.IsNull(await Task.Run(() => directory.FindProfessorEmail("A2001")));
    }

    [TestMethod]
    public async Task A_wrong_key_is_KeyRefused()
    {
        var server = await Servers.GetAsync(Provider);
        var (builder, _) = NewBuilder(server.Port, HexText.ToBytes("00112233445566778899aabbccddeeff"));

        var failure = await Assert.ThrowsAsync<LookupException>(() => Task.Run(() => builder.Build(Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001"))));

        Assert.AreEqual(LookupFailure.KeyRefused, failure.Failure);
    }

    [TestMethod]
    public async Task The_key_is_the_UTF8_bytes_of_terminal_key_and_the_server_stores_their_hex()
    {
        // terminal.config holds the key as text (host/Attendance.Demo: "demo-key-T01-not-for-production!");
        // TerminalComponents uses its UTF-8 bytes; the server's terminals.key_hex holds those bytes as hex.
        var server = await Servers.GetAsync(Provider);
        var fromText = System.Text.Encoding.UTF8.GetBytes("demo-key-T01-not-for-production!");
        CollectionAssert.AreEqual(HexText.ToBytes(TestData.TerminalKeyHex), fromText);
        var (builder, _) = NewBuilder(server.Port, fromText);

        var report = await Task.Run(() => builder.Build(Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001")));
        Assert.AreEqual("conceicao.araujo@example.edu", report.ProfessorEmail);

        // The hex digits themselves, taken as the key's text (what the old docs suggested), are refused.
        var (wrong, _) = NewBuilder(server.Port, System.Text.Encoding.UTF8.GetBytes(TestData.TerminalKeyHex));
        var failure = await Assert.ThrowsAsync<LookupException>(() => Task.Run(() => wrong.Build(Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001"))));
        Assert.AreEqual(LookupFailure.KeyRefused, failure.Failure);
    }

    [TestMethod]
    public async Task A_server_that_is_down_is_Unreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (builder, client) = NewBuilder(port);

        var failure = await Assert.ThrowsAsync<LookupException>(() => Task.Run(() => builder.Build(Roll(new DateTime(2026, 11, 23, 9, 30, 0), "A2001"))));

        Assert.AreEqual(LookupFailure.Unreachable, failure.Failure);
        Assert.AreEqual(2, client.LastConnections);
    }

    private static (RollReportBuilder Builder, LookupClient Client) NewBuilder(int port, byte[]? key = null)
    {
        var settings = new LookupClientSettings
        {
            Host = "127.0.0.1",
            Port = port,
            TerminalId = TestData.TerminalId,
            TerminalKey = key ?? HexText.ToBytes(TestData.TerminalKeyHex),
            UtcOffsetMinutes = 0,
            LateGraceMinutes = 15,
            RequestTimeoutMilliseconds = 10_000,
        };
        var client = new LookupClient(new SocketNetworkConnector(), settings);
        return (new RollReportBuilder(client), client);
    }

    private static ClosedRoll Roll(DateTime openedUtc, params string[] students) => new()
    {
        RollId = "T01-" + openedUtc.Ticks,
        TerminalId = TestData.TerminalId,
        ProfessorCode = "P1001",
        OpenedUtc = openedUtc,
        ClosedUtc = openedUtc.AddHours(1),
        StudentCodes = students,
        SwipeTimesUtc = students.Select(_ => openedUtc).ToArray(),
    };
}

[TestClass]
public class SqliteRollReportBuilderOverTcpTests : RollReportBuilderOverTcpTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class PostgreSqlRollReportBuilderOverTcpTests : RollReportBuilderOverTcpTests
{
    protected override string Provider => Servers.PostgreSql;
}

[TestClass]
public class MariaDbRollReportBuilderOverTcpTests : RollReportBuilderOverTcpTests
{
    protected override string Provider => Servers.MariaDb;
}
