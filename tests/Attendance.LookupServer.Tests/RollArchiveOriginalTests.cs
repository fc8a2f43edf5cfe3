using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.Extensions.Configuration;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The portal's archive when the lookups read an institution's database: the original's model on SQLite through
/// the shipped mapping (OriginalSchema, server/mappings/original-interbase.json), our own database apart and its
/// lookup tables empty. Names must be those the upload stored, the class sheet must list the enrolled students who
/// never swiped (ALUNOSMATRICULADOS), a student history the classes enrolled in but never swiped in (CADEIRASDOALUNO),
/// and a professor's scope must follow MINISTRA (CADEIRASDOPROFESSOR).
/// Data: the demo set (P1001 teaches every class, P1002 none) and three rolls of 2026's second semester:
/// R1 P1001 C101 (A2001, A2004 late), R2 P1002 substituting in C101 (A2002), R3 P1002 no class (A2002).
/// </summary>
[TestClass]
public class RollArchiveOriginalSqliteTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Fixture? _fixture;

    private static PortalScope P1001 => PortalScope.ForProfessor("P1001");

    private static PortalScope P1002 => PortalScope.ForProfessor("P1002");

    [TestMethod]
    public async Task Names_are_those_the_upload_stored_from_the_institutions_database()
    {
        var f = await FixtureAsync();

        var roll = (await f.Archive.GetRollAsync(f.Keys["R1"], PortalScope.All, CancellationToken.None))!;
        var summary = (await f.Archive.SearchRollsAsync(new RollSearch(ClassCode: "C101"), PortalScope.All, CancellationToken.None)).Rolls;
        var period = (await f.Archive.ListClassPeriodsAsync(PortalScope.All, CancellationToken.None)).Single();

        Assert.AreEqual(0, await RollUploads.ScalarAsync(Servers.Sqlite, f.Own, "SELECT COUNT(*) FROM students"), "our own lookup tables stay empty");
        Assert.AreEqual("Conceição Araújo", roll.Summary.ProfessorName);
        Assert.AreEqual("Cálculo I", roll.Summary.ClassName);
        Assert.AreEqual(OriginalSchema.CourseNumber("ENG"), roll.Summary.CourseCode, "the institution's course code, as CODIGOCURSOCADEIRA gave it");
        Assert.AreEqual("Engenharia Informática", roll.Summary.CourseName);
        CollectionAssert.AreEqual(new[] { "A2001 João Conceição", "A2004 Zoë Brontë Açores" },
            roll.Presences.Select(presence => presence.StudentCode + " " + presence.StudentName).ToArray());
        Assert.AreEqual("Estêvão Magalhães Cálculo I", string.Join(", ", summary.Where(item => item.RollKey == f.Keys["R2"]).Select(item => item.ProfessorName + " " + item.ClassName)));
        Assert.AreEqual("C101 Cálculo I Engenharia Informática 2", period.ClassCode + " " + period.ClassName + " " + period.CourseName + " " + period.SessionCount);
        Assert.AreEqual("R1", Names(f, await f.Archive.SearchRollsAsync(new RollSearch(Student: "zoë"), PortalScope.All, CancellationToken.None)), "the name search reads the stored names");
    }

    [TestMethod]
    public async Task The_class_sheet_lists_the_enrolled_students_who_never_swiped()
    {
        var f = await FixtureAsync();

        var sheet = (await f.Archive.GetClassSheetAsync("C101", 2026, 2, P1001, CancellationToken.None))!;

        Assert.AreEqual("Cálculo I", sheet.Period.ClassName);
        Assert.AreEqual("Engenharia Informática", sheet.Period.CourseName);
        CollectionAssert.AreEqual(new[] { f.Keys["R1"], f.Keys["R2"] }, sheet.Sessions.Select(session => session.RollKey).ToArray());
        CollectionAssert.AreEqual(
            new[] { "A2001 enrolled X.", "A2005 enrolled ..", "A2003 enrolled ..", "A2002 enrolled .X", "A2004 not enrolled L." },
            sheet.Rows.Select(Describe).ToArray(), "by name: " + string.Join(", ", sheet.Rows.Select(Describe)));
        Assert.IsTrue(sheet.Rows.All(row => row.StudentName != null), "every row is named, the absent ones by ALUNOSMATRICULADOS");

        // Another period of the same class: enrolled (the original's data enrols for 2026 and 2027), no session yet.
        var next = (await f.Archive.GetClassSheetAsync("C101", 2027, 1, P1001, CancellationToken.None))!;
        Assert.AreEqual(0, next.Sessions.Count);
        CollectionAssert.AreEquivalent(new[] { "A2001 enrolled ", "A2002 enrolled ", "A2003 enrolled ", "A2005 enrolled " }, next.Rows.Select(Describe).ToArray());
    }

    [TestMethod]
    public async Task A_professors_scope_follows_the_institutions_teaching()
    {
        var f = await FixtureAsync();

        Assert.AreEqual("R2 R1", await SearchAsync(f, new RollSearch(), P1001), "R2 was made by P1002 in C101, which P1001 teaches (MINISTRA)");
        Assert.AreEqual("R3 R2", await SearchAsync(f, new RollSearch(), P1002), "a substitute sees the rolls they made, and no more");
        Assert.AreEqual("", await SearchAsync(f, new RollSearch(), PortalScope.ForProfessor("P1001' OR '1'='1")));
        Assert.IsNull(await f.Archive.GetRollAsync(f.Keys["R1"], P1002, CancellationToken.None));
        Assert.IsNotNull(await f.Archive.GetRollAsync(f.Keys["R2"], P1001, CancellationToken.None));

        var substitute = (await f.Archive.GetClassSheetAsync("C101", 2026, 2, P1002, CancellationToken.None))!;
        CollectionAssert.AreEqual(new[] { f.Keys["R2"] }, substitute.Sessions.Select(session => session.RollKey).ToArray());
        CollectionAssert.AreEqual(new[] { "A2002 enrolled X" }, substitute.Rows.Select(Describe).ToArray(), "only who swiped in the substitute's own roll");
        Assert.IsNull(await f.Archive.GetClassSheetAsync("C102", 2026, 2, P1002, CancellationToken.None), "P1002 teaches no class and made no roll of C102");
        Assert.IsNotNull(await f.Archive.GetClassSheetAsync("C102", 2026, 2, P1001, CancellationToken.None), "P1001 teaches C102 (no roll yet)");
        CollectionAssert.AreEqual(new[] { "C101 2026/2 1" }, (await f.Archive.ListClassPeriodsAsync(P1002, CancellationToken.None)).Select(Describe).ToArray());
    }

    [TestMethod]
    public async Task A_student_history_through_the_mapping()
    {
        var f = await FixtureAsync();

        var history = (await f.Archive.GetStudentHistoryAsync("A2004", PortalScope.All, CancellationToken.None))!;
        var teacher = (await f.Archive.GetStudentHistoryAsync("A2002", P1001, CancellationToken.None))!;
        var substitute = (await f.Archive.GetStudentHistoryAsync("A2002", P1002, CancellationToken.None))!;

        Assert.AreEqual("Zoë Brontë Açores", history.StudentName);
        Assert.AreEqual("C101 2026/2 2 Cálculo I: not enrolled, 1 of 2, 1 late", string.Join(", ", history.Classes.Select(Describe)));
        Assert.AreEqual("Ñandú Müller", teacher.StudentName, "a name from ALUNO");
        Assert.AreEqual("C101 2026/2 2 Cálculo I: enrolled, 1 of 2, 0 late", string.Join(", ", teacher.Classes.Where(record => record.Period.SessionCount > 0).Select(Describe)));
        Assert.AreEqual(16, teacher.Classes.Count, "A2002 is enrolled (MATRICULA) in the four classes P1001 teaches, in four semesters");
        Assert.AreEqual("C101 2026/2 1 Cálculo I: enrolled, 1 of 1, 0 late", string.Join(", ", substitute.Classes.Select(Describe)), "only the substitute's own session");
        Assert.IsNull(await f.Archive.GetStudentHistoryAsync("A2004", P1002, CancellationToken.None), "A2004 never swiped in a roll of P1002's");
    }

    [TestMethod]
    public async Task A_student_history_lists_the_classes_enrolled_in_but_never_swiped_in()
    {
        var f = await FixtureAsync();

        // A2005 is enrolled (MATRICULA) in C101 in 2026 and 2027 and swiped in no roll; our own enrolments are empty.
        Assert.AreEqual(0, await RollUploads.ScalarAsync(Servers.Sqlite, f.Own, "SELECT COUNT(*) FROM enrolments"), "our own enrolments stay empty");
        var history = (await f.Archive.GetStudentHistoryAsync("A2005", PortalScope.All, CancellationToken.None))!;

        Assert.AreEqual(
            "C101 2027/2 0 Cálculo I: enrolled, 0 of 0, 0 late, C101 2027/1 0 Cálculo I: enrolled, 0 of 0, 0 late, "
            + "C101 2026/2 2 Cálculo I: enrolled, 0 of 2, 0 late, C101 2026/1 0 Cálculo I: enrolled, 0 of 0, 0 late",
            string.Join(", ", history.Classes.Select(Describe)));
        Assert.AreEqual(history.Classes.Count, (await f.Archive.GetStudentHistoryAsync("A2005", P1001, CancellationToken.None))!.Classes.Count, "P1001 teaches C101");
        Assert.IsNull(await f.Archive.GetStudentHistoryAsync("A2005", P1002, CancellationToken.None), "P1002 teaches nothing: no enrolment is theirs to see");

        // A professor sees only the enrolments in the classes they teach: here MINISTRA without C101.
        var mapping = Mapping(f.Institution);
        mapping.Queries["CADEIRASDOPROFESSOR"] = "SELECT DISTINCT CADEIRA_CODIGO FROM MINISTRA WHERE PROFESSOR_CODIGO = @professor AND CADEIRA_CODIGO <> 'C101'";
        await using var own = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = f.Own });
        await using var source = LookupSource.Create(new LookupServerOptions { Mapping = mapping }, own);
        await source.CheckAsync(CancellationToken.None);
        using var lookups = new SqlLookupStore(source.Database, source.Own, source.Queries, source.OwnQueries, null);
        using var archive = new SqlRollArchive(own, TimeZoneInfo.Utc, null, lookups);
        Assert.IsNull(await archive.GetStudentHistoryAsync("A2005", P1001, CancellationToken.None), "A2005's only class is C101");
        var others = (await archive.GetStudentHistoryAsync("A2002", P1001, CancellationToken.None))!;
        CollectionAssert.AreEqual(new[] { "C100", "C102", "C103" }, others.Classes.Select(record => record.Period.ClassCode).Distinct().ToArray());
        Assert.IsTrue(others.Classes.All(record => record.Enrolled && record.Attended == 0), string.Join(", ", others.Classes.Select(Describe)));
    }

    [TestMethod]
    public async Task The_portal_lists_of_a_mapping_are_checked_at_the_start()
    {
        var missing = Assert.ThrowsExactly<StartRefusedException>(() => LookupQueries.Create(
            new MappingOptions { Queries = { ["ALUNOSMATRICULADOS"] = "SELECT ALUNO_CODIGO, 'x' FROM MATRICULA WHERE MA_ANO = @year AND MA_SEMESTRE = @semester" } },
            DatabaseProvider.Sqlite));
        StringAssert.Contains(missing.Message, "ALUNOSMATRICULADOS does not use @class");
        var student = Assert.ThrowsExactly<StartRefusedException>(() => LookupQueries.Create(
            new MappingOptions { Queries = { ["CADEIRASDOALUNO"] = "SELECT CADEIRA_CODIGO, MA_ANO, MA_SEMESTRE FROM MATRICULA" } },
            DatabaseProvider.Sqlite));
        StringAssert.Contains(student.Message, "CADEIRASDOALUNO does not use @student");

        var f = await FixtureAsync();
        var mapping = Mapping(f.Institution);
        mapping.Queries["CADEIRASDOPROFESSOR"] = "SELECT CADEIRA_CODIGO, HORARIO_CODIGO FROM MINISTRA WHERE PROFESSOR_CODIGO = @professor";
        await using var own = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = f.Own });
        await using var source = LookupSource.Create(new LookupServerOptions { Mapping = mapping }, own);
        var columns = await Assert.ThrowsExactlyAsync<StartRefusedException>(() => source.CheckAsync(CancellationToken.None));
        StringAssert.Contains(columns.Message, "CADEIRASDOPROFESSOR gives 2 columns");
        var periods = Mapping(f.Institution);
        periods.Queries["CADEIRASDOALUNO"] = "SELECT CADEIRA_CODIGO, MA_ANO FROM MATRICULA WHERE ALUNO_CODIGO = @student";
        await using var periodsSource = LookupSource.Create(new LookupServerOptions { Mapping = periods }, own);
        var periodColumns = await Assert.ThrowsExactlyAsync<StartRefusedException>(() => periodsSource.CheckAsync(CancellationToken.None));
        StringAssert.Contains(periodColumns.Message, "CADEIRASDOALUNO gives 2 columns");

        // A mapping without them: no inheritance of our schema's lists (which read our tables).
        var without = Mapping(f.Institution);
        without.Queries.Remove("ALUNOSMATRICULADOS");
        without.Queries.Remove("CADEIRASDOALUNO");
        Assert.IsNull(LookupQueries.Create(without, DatabaseProvider.Sqlite)[LookupQueryKind.ClassStudents]);
        Assert.IsNotNull(LookupQueries.Default(DatabaseProvider.Sqlite)[LookupQueryKind.ClassStudents]);
        Assert.IsNull(LookupQueries.Create(without, DatabaseProvider.Sqlite)[LookupQueryKind.StudentClasses]);
        Assert.IsNotNull(LookupQueries.Default(DatabaseProvider.Sqlite)[LookupQueryKind.StudentClasses]);
    }

    private static string Describe(ClassPeriod period) => period.ClassCode + " " + period.Year + "/" + period.Semester + " " + period.SessionCount;

    private static string Describe(StudentClassRecord record) =>
        Describe(record.Period) + " " + record.Period.ClassName + ": " + (record.Enrolled ? "enrolled" : "not enrolled") + ", " + record.Attended + " of " + record.Sessions + ", " + record.Late + " late";

    private static string Describe(SheetRow row) =>
        row.StudentCode + (row.Enrolled ? " enrolled " : " not enrolled ")
        + string.Concat(row.Attended.Select(presence => presence == null ? "." : presence.Late ? "L" : "X"));

    private static string Names(Fixture f, RollPage page) =>
        string.Join(" ", page.Rolls.Select(roll => f.Keys.Single(pair => pair.Value == roll.RollKey).Key));

    private static async Task<string> SearchAsync(Fixture f, RollSearch search, PortalScope scope) =>
        Names(f, await f.Archive.SearchRollsAsync(search, scope, CancellationToken.None));

    /// <summary>The shipped mapping, as the server reads it, on the institution's SQLite database.</summary>
    private static MappingOptions Mapping(string institution)
    {
        var mapping = new ConfigurationBuilder().AddJsonFile(OriginalSchema.MappingFile).Build().GetSection("Lookup:Mapping").Get<MappingOptions>()!;
        mapping.Database = new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = institution };
        return mapping;
    }

    private static async Task<Fixture> FixtureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _fixture ??= await Fixture.CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class Fixture
    {
        public required string Institution { get; init; }

        public required string Own { get; init; }

        public required SqlRollArchive Archive { get; init; }

        public Dictionary<string, long> Keys { get; } = new();

        public static async Task<Fixture> CreateAsync()
        {
            var institution = Servers.NewSqliteConnectionString();
            var ownConnection = Servers.NewSqliteConnectionString();
            await OriginalSchema.CreateAsync(Servers.Sqlite, institution, 2026);
            await OriginalSchema.CreateOwnAsync(Servers.Sqlite, ownConnection);

            // As the server builds them (LookupServerApp): the mapping's source, checked, and its uncached store.
            var own = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = ownConnection });
            var source = LookupSource.Create(new LookupServerOptions { Mapping = Mapping(institution) }, own);
            await source.CheckAsync(CancellationToken.None);
            var lookups = new SqlLookupStore(source.Database, source.Own, source.Queries, source.OwnQueries, null);
            var fixture = new Fixture { Institution = institution, Own = ownConnection, Archive = new SqlRollArchive(own, TimeZoneInfo.Utc, null, lookups) };
            var store = new SqlRollStore(own, TimeZoneInfo.Utc, null, lookups);
            var key = HexText.ToBytes(TestData.TerminalKeyHex);
            var rolls = new Dictionary<string, RollContent>
            {
                ["R1"] = RollUploads.Roll("T01", "R1", "P1001", "C101", "20261123T081500Z", "20261123T095000Z", "20261123T083000Z", false,
                    ("A2001", "20261123T081700Z"), ("A2004", "20261123T084000Z")),
                ["R2"] = RollUploads.Roll("T01", "R2", "P1002", "C101", "20261124T080500Z", "20261124T095000Z", "20261124T081500Z", false,
                    ("A2002", "20261124T080600Z")),
                ["R3"] = RollUploads.Roll("T01", "R3", "P1002", "", "20261125T100000Z", "20261125T110000Z", null, false, ("A2002", "20261125T100100Z")),
            };
            foreach (var (name, roll) in rolls)
            {
                var code = RollVerificationCode.Compute(key, roll);
                Assert.AreEqual(RollStoreOutcome.Stored, await store.StoreAsync(roll, code, RollVerificationCode.KeyFingerprint(key), CancellationToken.None));
                fixture.Keys[name] = await RollUploads.ScalarAsync(Servers.Sqlite, ownConnection, "SELECT roll_key FROM rolls WHERE roll_id = @id", ("@id", name));
            }

            return fixture;
        }
    }
}
