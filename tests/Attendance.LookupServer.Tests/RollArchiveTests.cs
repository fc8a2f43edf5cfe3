using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;
using Attendance.Portal.Security;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The portal's reading of the stored rolls (Storage/SqlRollArchive.cs) on SQLite and PostgreSQL: the filters,
/// paging, the class sheet, the student history, the verification, and above all the scope: a professor never
/// gets another professor's roll, class or student, whatever the filter asks.
/// Data: the demo set plus professor P1003 teaching C200 (course GES) with students B1 and B2 (and A2001)
/// enrolled in it for 2026 semester 2, and six rolls:
/// R1 P1001 C101 (A2001, A2004 late), R2 P1003 C200 (B1, A2001), R3 P1002 no class (A2002),
/// R4 P1001 C101 (A2001, A2002), R5 P1002 substituting in C200 (B2), R6 P1002 no class, 2026-11-26 02:00 UTC.
/// </summary>
public abstract class RollArchiveTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Fixture> Fixtures = new();

    protected abstract string Provider { get; }

    private static PortalScope P1001 => PortalScope.ForProfessor("P1001");

    private static PortalScope P1002 => PortalScope.ForProfessor("P1002");

    private static PortalScope P1003 => PortalScope.ForProfessor("P1003");

    [TestMethod]
    public async Task Everything_newest_first_and_each_filter()
    {
        var f = await FixtureAsync();

        Assert.AreEqual("R5 R4 R6 R3 R2 R1", await SearchAsync(f, new RollSearch(), PortalScope.All));
        Assert.AreEqual("R4 R1", await SearchAsync(f, new RollSearch(CourseCode: "ENG"), PortalScope.All));
        Assert.AreEqual("R5 R2", await SearchAsync(f, new RollSearch(ClassCode: "C200"), PortalScope.All));
        Assert.AreEqual("R5 R6 R3", await SearchAsync(f, new RollSearch(ProfessorCode: "P1002"), PortalScope.All));
        Assert.AreEqual("R3 R2", await SearchAsync(f, new RollSearch(From: new DateOnly(2026, 11, 24), To: new DateOnly(2026, 11, 25)), PortalScope.All));
        Assert.AreEqual("R2", await SearchAsync(f, new RollSearch(Student: "B1"), PortalScope.All));
        Assert.AreEqual("R4 R2 R1", await SearchAsync(f, new RollSearch(Student: "joão conceição"), PortalScope.All), "name, any case");
        Assert.AreEqual("R4 R1", await SearchAsync(f, new RollSearch(CourseCode: "ENG", Student: "A2001"), PortalScope.All), "filters combine");
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(Student: "%"), PortalScope.All), "LIKE's wildcards are text");
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(Student: "' OR 1=1 --"), PortalScope.All));
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(ClassCode: "C101' OR '1'='1"), PortalScope.All));
    }

    [TestMethod]
    public async Task Dates_are_local_days_of_the_configured_time_zone()
    {
        var f = await FixtureAsync();
        var saoPaulo = new SqlRollArchive(f.Database, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));
        var day = new RollSearch(From: new DateOnly(2026, 11, 25), To: new DateOnly(2026, 11, 25));

        // R6 opened 2026-11-26 02:00 UTC, which is 23:00 on the 25th in Sao Paulo (UTC-3).
        Assert.AreEqual("R3", await SearchAsync(f, day, PortalScope.All));
        Assert.AreEqual("R6 R3", Names(f, await saoPaulo.SearchRollsAsync(day, PortalScope.All, CancellationToken.None)));
    }

    [TestMethod]
    public async Task Pages()
    {
        var f = await FixtureAsync();

        var third = await f.Archive.SearchRollsAsync(new RollSearch(PageSize: 2, Page: 3), PortalScope.All, CancellationToken.None);
        var beyond = await f.Archive.SearchRollsAsync(new RollSearch(PageSize: 2, Page: 9), PortalScope.All, CancellationToken.None);

        Assert.AreEqual("R2 R1", Names(f, third));
        Assert.AreEqual(6, third.TotalCount);
        Assert.AreEqual(3, third.PageCount);
        Assert.AreEqual(0, beyond.Rolls.Count);
        Assert.AreEqual(6, beyond.TotalCount);
    }

    [TestMethod]
    public async Task A_professor_sees_their_own_rolls_and_their_classes_and_nothing_else()
    {
        var f = await FixtureAsync();

        Assert.AreEqual("R4 R1", await SearchAsync(f, new RollSearch(), P1001));
        Assert.AreEqual("R5 R2", await SearchAsync(f, new RollSearch(), P1003), "R5 was made by P1002 in the class P1003 teaches");
        Assert.AreEqual("R5 R6 R3", await SearchAsync(f, new RollSearch(), P1002), "a substitute sees the rolls they made");
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(ProfessorCode: "P1003"), P1001));
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(ClassCode: "C200"), P1001));
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(Student: "B1"), P1001));
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(), PortalScope.Nothing));
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(), PortalScope.ForProfessor("P1001' OR '1'='1")));

        Assert.IsNotNull(await f.Archive.GetRollAsync(f.Keys["R1"], P1001, CancellationToken.None));
        foreach (var other in new[] { "R2", "R3", "R5", "R6" })
        {
            Assert.IsNull(await f.Archive.GetRollAsync(f.Keys[other], P1001, CancellationToken.None), other);
        }

        Assert.IsNull(await f.Archive.GetRollAsync(f.Keys["R1"], PortalScope.Nothing, CancellationToken.None));
        Assert.IsNull(await f.Archive.GetRollAsync(-1, PortalScope.All, CancellationToken.None));
    }

    [TestMethod]
    public async Task A_professor_gets_no_class_sheet_period_or_student_history_outside_their_classes()
    {
        var f = await FixtureAsync();

        CollectionAssert.AreEqual(new[] { "C101 2026/2 2" }, (await f.Archive.ListClassPeriodsAsync(P1001, CancellationToken.None)).Select(Describe).ToArray());
        CollectionAssert.AreEqual(new[] { "C101 2026/2 2", "C200 2026/2 2" }, (await f.Archive.ListClassPeriodsAsync(PortalScope.All, CancellationToken.None)).Select(Describe).ToArray());
        Assert.AreEqual(0, (await f.Archive.ListClassPeriodsAsync(PortalScope.Nothing, CancellationToken.None)).Count);

        Assert.IsNull(await f.Archive.GetClassSheetAsync("C200", 2026, 2, P1001, CancellationToken.None));
        Assert.IsNull(await f.Archive.GetClassSheetAsync("C101", 2026, 2, P1003, CancellationToken.None));
        Assert.IsNull(await f.Archive.GetClassSheetAsync("C101", 2026, 2, PortalScope.Nothing, CancellationToken.None));
        Assert.IsNull(await f.Archive.GetStudentHistoryAsync("B1", P1001, CancellationToken.None));
        Assert.IsNull(await f.Archive.GetStudentHistoryAsync("A2004", P1003, CancellationToken.None), "A2004 never was in P1003's class");

        var history = (await f.Archive.GetStudentHistoryAsync("A2001", P1001, CancellationToken.None))!;
        Assert.IsFalse(history.Classes.Any(record => record.Period.ClassCode == "C200"), "P1001 does not teach C200");
        var c101 = history.Classes.Single(record => record.Period.ClassCode == "C101" && record.Period.Year == 2026 && record.Period.Semester == 2);
        Assert.AreEqual((true, 2, 2, 0), (c101.Enrolled, c101.Sessions, c101.Attended, c101.Late));

        // R1 of P1001, checked by P1003: the code is authentic, but the roll is not shown.
        var verified = await f.Archive.VerifyAsync(f.Codes["R1"], P1003, CancellationToken.None);
        Assert.AreEqual(VerificationOutcome.Authentic, verified.Outcome);
        Assert.IsNull(verified.Roll);
    }

    [TestMethod]
    public async Task The_class_sheet_has_every_enrolled_student_and_everyone_who_swiped()
    {
        var f = await FixtureAsync();

        var sheet = (await f.Archive.GetClassSheetAsync("C101", 2026, 2, PortalScope.All, CancellationToken.None))!;

        Assert.AreEqual("Cálculo I", sheet.Period.ClassName);
        Assert.AreEqual("Engenharia Informática", sheet.Period.CourseName);
        CollectionAssert.AreEqual(new[] { f.Keys["R1"], f.Keys["R4"] }, sheet.Sessions.Select(session => session.RollKey).ToArray());
        CollectionAssert.AreEqual(
            new[] { "A2001 enrolled XX", "A2005 enrolled ..", "A2003 enrolled ..", "A2002 enrolled .X", "A2004 not enrolled L." },
            sheet.Rows.Select(Describe).ToArray(), "by name: João, José, Maria, Ñandú, Zoë: " + string.Join(", ", sheet.Rows.Select(Describe)));
    }

    [TestMethod]
    public async Task A_class_sheet_for_the_teacher_and_for_a_substitute()
    {
        var f = await FixtureAsync();

        var teacher = (await f.Archive.GetClassSheetAsync("C200", 2026, 2, P1003, CancellationToken.None))!;
        var substitute = (await f.Archive.GetClassSheetAsync("C200", 2026, 2, P1002, CancellationToken.None))!;

        CollectionAssert.AreEquivalent(new[] { "A2001 enrolled X.", "B1 enrolled X.", "B2 enrolled .X" }, teacher.Rows.Select(Describe).ToArray());
        CollectionAssert.AreEqual(new[] { f.Keys["R5"] }, substitute.Sessions.Select(session => session.RollKey).ToArray());
        CollectionAssert.AreEqual(new[] { "B2 enrolled X" }, substitute.Rows.Select(Describe).ToArray(), "only who swiped in the substitute's own roll");

        var history = (await f.Archive.GetStudentHistoryAsync("B2", P1002, CancellationToken.None))!;
        Assert.AreEqual("C200 2026/2 1 enrolled 1/1", string.Join(", ", history.Classes.Select(record =>
            Describe(record.Period) + (record.Enrolled ? " enrolled " : " not enrolled ") + record.Attended + "/" + record.Sessions)));
    }

    [TestMethod]
    public async Task A_student_history_across_classes()
    {
        var f = await FixtureAsync();

        var history = (await f.Archive.GetStudentHistoryAsync("A2004", PortalScope.All, CancellationToken.None))!;
        var none = await f.Archive.GetStudentHistoryAsync("NOBODY", PortalScope.All, CancellationToken.None);
        var known = (await f.Archive.GetStudentHistoryAsync("B1", PortalScope.All, CancellationToken.None))!;

        Assert.AreEqual("Zoë Brontë Açores", history.StudentName);
        Assert.AreEqual("C101 2026/2 2: not enrolled, 1 of 2, 1 late", string.Join(", ", history.Classes.Select(record =>
            Describe(record.Period) + ": " + (record.Enrolled ? "enrolled" : "not enrolled") + ", " + record.Attended + " of " + record.Sessions + ", " + record.Late + " late")));
        Assert.IsNull(none);
        Assert.AreEqual("C200", known.Classes.Single().Period.ClassCode);
    }

    [TestMethod]
    public async Task Names_stored_with_a_roll_come_first_and_our_tables_serve_rolls_stored_without_them()
    {
        // A database of its own: this test renames a class and clears stored names.
        var f = await Fixture.CreateAsync(Provider);

        // R1 as a roll stored before migration 9 (no names); then the class renamed in our tables.
        await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE rolls SET professor_name = NULL, class_name = NULL, course_name = NULL WHERE roll_key = @key", ("@key", f.Keys["R1"]));
        await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE presences SET student_name = NULL WHERE roll_key = @key", ("@key", f.Keys["R1"]));
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE classes SET name = 'Cálculo I (novo)' WHERE code = 'C101'"));

        var old = (await f.Archive.GetRollAsync(f.Keys["R1"], PortalScope.All, CancellationToken.None))!;
        var stored = (await f.Archive.GetRollAsync(f.Keys["R4"], PortalScope.All, CancellationToken.None))!;

        Assert.AreEqual("Conceição Araújo Cálculo I (novo) Engenharia Informática", old.Summary.ProfessorName + " " + old.Summary.ClassName + " " + old.Summary.CourseName);
        Assert.AreEqual("João Conceição, Zoë Brontë Açores", string.Join(", ", old.Presences.Select(presence => presence.StudentName)));
        Assert.AreEqual("Cálculo I", stored.Summary.ClassName, "as the roll's e-mail said it");
        Assert.AreEqual("Cálculo I", (await f.Archive.GetClassSheetAsync("C101", 2026, 2, PortalScope.All, CancellationToken.None))!.Period.ClassName, "the newest roll's name");
        Assert.AreEqual("R1", await SearchAsync(f, new RollSearch(Student: "zoë"), PortalScope.All), "without a stored name, by our students' (R1)");
        Assert.AreEqual("R4 R3", await SearchAsync(f, new RollSearch(Student: "MüLLER"), PortalScope.All), "by the name stored with the presence, any case");
    }

    [TestMethod]
    public async Task Verification_tells_authentic_altered_key_unavailable_and_unknown()
    {
        // A database of its own: this test alters rolls and keys.
        var f = await Fixture.CreateAsync(Provider);

        var authentic = await f.Archive.VerifyAsync(f.Codes["R1"].ToLowerInvariant().Replace("-", ""), PortalScope.All, CancellationToken.None);
        Assert.AreEqual(VerificationOutcome.Authentic, authentic.Outcome);
        Assert.AreEqual(f.Keys["R1"], authentic.Roll!.Summary.RollKey);
        Assert.AreEqual(VerificationOutcome.Unknown, (await f.Archive.VerifyAsync("0000-0000-0000-0000", PortalScope.All, CancellationToken.None)).Outcome);
        Assert.AreEqual(VerificationOutcome.Unknown, (await f.Archive.VerifyAsync("not a code", PortalScope.All, CancellationToken.None)).Outcome);

        // One second moved in one presence, a student added, a flag flipped: each is an altered roll.
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE presences SET first_swipe_utc = first_swipe_utc - 1 WHERE roll_key = @key AND position = 1", ("@key", f.Keys["R1"])));
        Assert.AreEqual(VerificationOutcome.Altered, (await f.Archive.VerifyAsync(f.Codes["R1"], PortalScope.All, CancellationToken.None)).Outcome);
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "INSERT INTO presences (roll_key, position, student_code, first_swipe_utc, status, late) VALUES (@key, 9, 'A2003', 0, 0, 0)", ("@key", f.Keys["R2"])));
        Assert.AreEqual(VerificationOutcome.Altered, (await f.Archive.VerifyAsync(f.Codes["R2"], PortalScope.All, CancellationToken.None)).Outcome);
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE rolls SET closed_automatically = 1 WHERE roll_key = @key", ("@key", f.Keys["R3"])));
        Assert.AreEqual(VerificationOutcome.Altered, (await f.Archive.VerifyAsync(f.Codes["R3"], PortalScope.All, CancellationToken.None)).Outcome);
        Assert.AreEqual(VerificationOutcome.Authentic, (await f.Archive.VerifyAsync(f.Codes["R4"], PortalScope.All, CancellationToken.None)).Outcome);

        // The key rotated, then the terminal gone: the roll can no longer be recomputed.
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "UPDATE terminals SET key_hex = @key WHERE id = 'T01'", ("@key", new string('b', 64))));
        Assert.AreEqual(VerificationOutcome.KeyUnavailable, (await f.Archive.VerifyAsync(f.Codes["R4"], PortalScope.All, CancellationToken.None)).Outcome);
        Assert.AreEqual(1, await RollUploads.ExecuteAsync(Provider, f.ConnectionString, "DELETE FROM terminals WHERE id = 'T01'"));
        var gone = await f.Archive.VerifyAsync(f.Codes["R4"], P1001, CancellationToken.None);
        Assert.AreEqual(VerificationOutcome.KeyUnavailable, gone.Outcome);
        Assert.AreEqual(f.Keys["R4"], gone.Roll!.Summary.RollKey);
    }

    [TestMethod]
    public async Task An_unknown_time_zone_stops_the_server_with_a_clear_message()
    {
        Assert.AreEqual(TimeZoneInfo.Local, new ArchiveOptions().ResolveTimeZone());
        Assert.AreEqual("Europe/Lisbon", new ArchiveOptions { TimeZone = "Europe/Lisbon" }.ResolveTimeZone().Id);
        var error = Assert.ThrowsExactly<StartRefusedException>(() => new ArchiveOptions { TimeZone = "Mars/Olympus" }.ResolveTimeZone());
        StringAssert.Contains(error.Message, "Lookup:Archive:TimeZone");

        // At the start, before anything is served (Program prints the message and exits 1).
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        var refused = await Assert.ThrowsExactlyAsync<StartRefusedException>(() => RunningServer.StartAsync(Provider, connectionString, null, "Archive:TimeZone=Mars/Olympus"));
        StringAssert.Contains(refused.Message, "Mars/Olympus");
    }

    private static string Describe(ClassPeriod period) => period.ClassCode + " " + period.Year + "/" + period.Semester + " " + period.SessionCount;

    private static string Describe(SheetRow row) =>
        row.StudentCode + (row.Enrolled ? " enrolled " : " not enrolled ")
        + string.Concat(row.Attended.Select(presence => presence == null ? "." : presence.Late ? "L" : "X"));

    private static string Names(Fixture f, RollPage page) =>
        string.Join(" ", page.Rolls.Select(roll => f.Keys.Single(pair => pair.Value == roll.RollKey).Key));

    private static async Task<string> SearchAsync(Fixture f, RollSearch search, PortalScope scope) =>
        Names(f, await f.Archive.SearchRollsAsync(search, scope, CancellationToken.None));

    private async Task<Fixture> FixtureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!Fixtures.TryGetValue(Provider, out var fixture))
            {
                Fixtures[Provider] = fixture = await Fixture.CreateAsync(Provider);
            }

            return fixture;
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class Fixture
    {
        public required string ConnectionString { get; init; }

        public required LookupDatabase Database { get; init; }

        public required SqlRollArchive Archive { get; init; }

        public Dictionary<string, long> Keys { get; } = new();

        public Dictionary<string, string> Codes { get; } = new();

        public static async Task<Fixture> CreateAsync(string provider)
        {
            var connectionString = await Servers.NewDatabaseAsync(provider);
            await RunningServer.SeedAsync(provider, connectionString);
            foreach (var statement in new[]
            {
                "INSERT INTO professors (code, name, email) VALUES ('P1003', 'Leonor Sá', 'leonor@example.edu')",
                "INSERT INTO students (code, name) VALUES ('B1', 'Bárbara Ñ'), ('B2', 'Bruno Z')",
                "INSERT INTO classes (code, name, course_code) VALUES ('C200', 'Contabilidade', 'GES')",
                "INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (1000, 1, '08:00', '10:00')",
                "INSERT INTO teaching (professor_code, class_code, slot_id) VALUES ('P1003', 'C200', 1000)",
                "INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES "
                    + "('B1', 'C200', 'GES', 2026, 2), ('B2', 'C200', 'GES', 2026, 2), ('A2001', 'C200', 'GES', 2026, 2)",
            })
            {
                await RollUploads.ExecuteAsync(provider, connectionString, statement);
            }

            var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
            var fixture = new Fixture { ConnectionString = connectionString, Database = database, Archive = new SqlRollArchive(database, TimeZoneInfo.Utc) };
            var store = new SqlRollStore(database, TimeZoneInfo.Utc);
            var key = HexText.ToBytes(TestData.TerminalKeyHex);
            var rolls = new Dictionary<string, RollContent>
            {
                ["R1"] = RollUploads.Roll("T01", "R1", "P1001", "C101", "20261123T081500Z", "20261123T095000Z", "20261123T083000Z", false,
                    ("A2001", "20261123T081700Z"), ("A2004", "20261123T084000Z")),
                ["R2"] = RollUploads.Roll("T01", "R2", "P1003", "C200", "20261124T080500Z", "20261124T095000Z", "20261124T081500Z", false,
                    ("B1", "20261124T080600Z"), ("A2001", "20261124T080700Z")),
                ["R3"] = RollUploads.Roll("T01", "R3", "P1002", "", "20261125T100000Z", "20261125T110000Z", null, false, ("A2002", "20261125T100100Z")),
                ["R4"] = RollUploads.Roll("T01", "R4", "P1001", "C101", "20261130T081500Z", "20261130T095000Z", "20261130T083000Z", true,
                    ("A2001", "20261130T081600Z"), ("A2002", "20261130T081700Z")),
                ["R5"] = RollUploads.Roll("T01", "R5", "P1002", "C200", "20261201T080000Z", "20261201T095000Z", "20261201T081500Z", false,
                    ("B2", "20261201T080100Z")),
                ["R6"] = RollUploads.Roll("T01", "R6", "P1002", "", "20261126T020000Z", "20261126T030000Z", null, false),
            };
            foreach (var (name, roll) in rolls)
            {
                var code = RollVerificationCode.Compute(key, roll);
                Assert.AreEqual(RollStoreOutcome.Stored, await store.StoreAsync(roll, code, RollVerificationCode.KeyFingerprint(key), CancellationToken.None));
                fixture.Keys[name] = await RollUploads.ScalarAsync(provider, connectionString, "SELECT roll_key FROM rolls WHERE roll_id = @id", ("@id", name));
                fixture.Codes[name] = RollVerificationCode.Grouped(code);
            }

            return fixture;
        }
    }
}

[TestClass]
public class RollArchiveSqliteTests : RollArchiveTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class RollArchivePostgreSqlTests : RollArchiveTests
{
    protected override string Provider => Servers.PostgreSql;
}

[TestClass]
public class RollArchiveMariaDbTests : RollArchiveTests
{
    protected override string Provider => Servers.MariaDb;
}
