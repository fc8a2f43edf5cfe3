using Attendance.LookupServer.Admin;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Lookups through a configured mapping (Lookup:Mapping, docs/mapping.md): a wrong statement stops the start naming
/// its command and the database's error; weekdays and times are the institution's; the upload's statuses come
/// through the mapping; the answer cache keeps answers for their time-to-live and `cache flush` empties it. On
/// SQLite and PostgreSQL (the original's model, server/mappings/original-interbase.*).
/// </summary>
[TestClass]
public class MappingTests
{
    [TestMethod]
    [DataRow(Servers.Sqlite, "NOMEPROFESSOR", "SELECT PR_NOMEX FROM PROFESSOR WHERE PR_CODIGO = @professor", "pr_nomex")]
    [DataRow(Servers.PostgreSql, "NOMEPROFESSOR", "SELECT PR_NOMEX FROM PROFESSOR WHERE PR_CODIGO = @professor", "pr_nomex")]
    [DataRow(Servers.Sqlite, "NOMEALUNO", "SELECT AL_NOME FROM ALUNOS WHERE AL_CODIGO = @student", "alunos")]
    [DataRow(Servers.PostgreSql, "MATRICULADO", "SELECT 1 FROM MATRICULA WHERE ALUNO_CODIGO = @student AND CADEIRA_CODIGO = @class AND", "syntax")]
    [DataRow(Servers.Sqlite, "MATRICULADO", "SELECT 1 FROM MATRICULA WHERE ALUNO_CODIGO = @student AND CADEIRA_CODIGO = @class AND", "incomplete input")]
    public async Task A_statement_that_does_not_prepare_stops_the_start_naming_the_command_and_the_database_error(string engine, string command, string statement, string error)
    {
        var refused = await StartRefusedAsync(engine, "Mapping:Queries:" + command + "=" + statement);

        StringAssert.Contains(refused.Message, "Lookup:Mapping:Queries:" + command + " does not prepare");
        StringAssert.Contains(refused.Message.ToLowerInvariant(), error);
    }

    [TestMethod]
    [DataRow(Servers.Sqlite, "CODIGOCADEIRA", "SELECT M.CADEIRA_CODIGO FROM MINISTRA M JOIN HORARIO H ON H.HO_CODIGO = M.HORARIO_CODIGO WHERE M.PROFESSOR_CODIGO = @professor AND H.HO_INICIO <= @time AND @time < H.HO_FIM", "does not use @weekday")]
    [DataRow(Servers.PostgreSql, "NOMECURSO", "SELECT CU_NOME FROM CURSO WHERE CU_CODIGO = @course OR CU_CODIGO = @curso", "uses @curso, which NOMECURSO does not supply")]
    [DataRow(Servers.Sqlite, "NOMEALUNO", "SELECT AL_NOME FROM ALUNO", "does not use @student")]
    [DataRow(Servers.Sqlite, "NOMEALUNO", "DELETE FROM ALUNO WHERE AL_CODIGO = @student", "must be a query")]
    [DataRow(Servers.PostgreSql, "NOMEPROFESSOR", "SELECT PR_NOME, PR_EMAIL FROM PROFESSOR WHERE PR_CODIGO = @professor", "gives 2 columns; NOMEPROFESSOR reads 1")]
    [DataRow(Servers.Sqlite, "MATRICULADO", "SELECT * FROM MATRICULA WHERE ALUNO_CODIGO = @student AND CADEIRA_CODIGO = @class", "gives 5 columns; MATRICULADO reads 1")]
    [DataRow(Servers.PostgreSql, "NOMEALUNO_SET", "SELECT AL_NOME FROM ALUNO WHERE AL_CODIGO = ANY(@students)", "gives 1 column; NOMEALUNO_SET reads 2")]
    [DataRow(Servers.Sqlite, "NOMEDOALUNO", "SELECT AL_NOME FROM ALUNO WHERE AL_CODIGO = @student", "is not a lookup the server asks")]
    public async Task A_wrong_parameter_or_column_stops_the_start_naming_the_command(string engine, string command, string statement, string message)
    {
        var refused = await StartRefusedAsync(engine, "Mapping:Queries:" + command + "=" + statement);

        StringAssert.Contains(refused.Message, "Lookup:Mapping:Queries:" + command);
        StringAssert.Contains(refused.Message, message);
    }

    [TestMethod]
    public async Task A_start_time_of_another_type_than_the_time_format_stops_the_start_where_the_engine_reports_types()
    {
        // TimeFormat "time" reads a TIME; a text column would give no start time at all.
        var refused = await StartRefusedAsync(Servers.PostgreSql,
            "Mapping:Queries:INICIOCADEIRA=SELECT CA_NOME FROM CADEIRA WHERE CA_CODIGO = @class AND @weekday > 0 AND @time IS NOT NULL");

        StringAssert.Contains(refused.Message, "Lookup:Mapping:Queries:INICIOCADEIRA gives a String start time");
    }

    [TestMethod]
    public async Task Times_given_as_text_to_a_TIME_column_stop_the_start_on_PostgreSQL()
    {
        var refused = await StartRefusedAsync(Servers.PostgreSql, "Mapping:TimeFormat=hh:mm");

        StringAssert.Contains(refused.Message, "Lookup:Mapping:Queries:CODIGOCADEIRA does not prepare");
        StringAssert.Contains(refused.Message, "time without time zone");
    }

    [TestMethod]
    [DataRow("Mapping:Weekdays=monday", "Lookup:Mapping:Weekdays")]
    [DataRow("Mapping:TimeFormat=HH.MM", "Lookup:Mapping:TimeFormat")]
    [DataRow("Mapping:IntegerParameters:0=year", "Lookup:Mapping:IntegerParameters")]
    [DataRow("Cache:TimeToLiveSeconds:NOMEALUNOS=5", "Lookup:Cache:TimeToLiveSeconds:NOMEALUNOS")]
    public async Task Settings_that_cannot_work_stop_the_start_naming_them(string setting, string message)
    {
        var refused = await StartRefusedAsync(Servers.Sqlite, setting);

        StringAssert.Contains(refused.Message, message);
    }

    [TestMethod]
    public async Task Our_own_statements_on_our_own_schema_start_and_answer_as_before()
    {
        // The defaults are themselves a mapping: checked at start like any other.
        var server = await Servers.GetAsync(Servers.Sqlite);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(new[] { "Conceição Araújo", "08:00" }, await client.AskAsync("NOMEPROFESSOR|P1001", "INICIOCADEIRA|C101|1|09:30"));
    }

    [TestMethod]
    [DataRow("iso", 1, 1)]
    [DataRow("iso", 7, 7)]
    [DataRow("sunday1", 1, 2)]
    [DataRow("sunday1", 7, 1)]
    [DataRow("sunday0", 7, 0)]
    [DataRow("sunday0", 6, 6)]
    [DataRow("2,3,4,5,6,7,1", 7, 1)]
    public void Weekdays_are_given_in_the_institutions_numbering(string setting, int isoWeekday, int expected)
    {
        Assert.AreEqual(expected, WeekdayMap.Parse(setting).Value(isoWeekday));
    }

    [TestMethod]
    public void Weekdays_may_be_text()
    {
        var map = WeekdayMap.Parse("SEG, TER, QUA, QUI, SEX, SAB, DOM");

        Assert.AreEqual("SEG", map.Value(1));
        Assert.AreEqual("DOM", map.Value(7));
    }

    [TestMethod]
    [DataRow("hh:mm", "09:30", "09:30")]
    [DataRow("hh:mm:ss", "09:30", "09:30:00")]
    [DataRow("minutes", "09:30", 570)]
    [DataRow("hhmm", "09:30", 930)]
    [DataRow("hhmm", "00:05", 5)]
    public void Times_are_given_and_read_in_the_institutions_format(string setting, string time, object stored)
    {
        var format = TimeFormats.Parse(setting);

        Assert.AreEqual(stored, TimeFormats.Value(format, time));
        Assert.AreEqual(time, TimeFormats.Text(format, stored));
    }

    [TestMethod]
    public void A_TIME_column_is_read_whatever_type_the_engine_gives_it()
    {
        Assert.AreEqual(new TimeOnly(9, 30), TimeFormats.Value(TimeFormat.Time, "09:30"));
        Assert.AreEqual("18:05", TimeFormats.Text(TimeFormat.Time, new TimeSpan(18, 5, 0)));
        Assert.AreEqual("18:05", TimeFormats.Text(TimeFormat.Time, new TimeOnly(18, 5)));
        Assert.AreEqual("18:05", TimeFormats.Text(TimeFormat.Time, new DateTime(2026, 1, 1, 18, 5, 0)));
        Assert.AreEqual("18:05", TimeFormats.Text(TimeFormat.Time, "18:05:00"));
        Assert.IsNull(TimeFormats.Text(TimeFormat.Minutes, 24 * 60));
        Assert.IsNull(TimeFormats.Text(TimeFormat.HoursMinutesText, "soon"));
    }

    [TestMethod]
    public void Parameters_inside_quotes_and_comments_are_not_parameters()
    {
        var names = LookupQueries.ParameterNames("SELECT '@a', \"@b\" FROM x -- @c\n WHERE y = @d /* @e */ AND z = @@version AND w = @f_1 AND v = @d");

        CollectionAssert.AreEqual(new[] { "d", "f_1" }, names);
    }

    [TestMethod]
    [DataRow(Servers.OriginalSqlite)]
    [DataRow(Servers.OriginalPostgreSql)]
    public async Task An_upload_takes_its_statuses_and_course_through_the_mapping_and_is_stored_in_our_own_database(string provider)
    {
        var server = await Servers.GetAsync(provider);
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"), ("A2004", "20261123T083001Z"), ("X-999", "20261123T090000Z"));
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));

        var engine = Servers.Engine(provider);
        Assert.AreEqual(1L, await RollUploads.ScalarAsync(engine, server.ConnectionString,
            "SELECT COUNT(*) FROM rolls WHERE roll_id = @roll AND course_code = '1'", ("@roll", roll.RollId)), "the original's course number of C101");
        foreach (var (student, status) in new[] { ("A2001", Portal.Data.PresenceStatus.Enrolled), ("A2004", Portal.Data.PresenceStatus.NotEnrolled), ("X-999", Portal.Data.PresenceStatus.UnknownStudent) })
        {
            Assert.AreEqual((long)status, await RollUploads.ScalarAsync(engine, server.ConnectionString,
                "SELECT p.status FROM presences p JOIN rolls r ON r.roll_key = p.roll_key WHERE r.roll_id = @roll AND p.student_code = @student",
                ("@roll", roll.RollId), ("@student", student)), student);
        }
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    public async Task On_a_database_we_do_not_own_answers_last_their_time_to_live_and_cache_flush_empties_the_cache(string engine)
    {
        var own = await Servers.NewDatabaseAsync(engine);
        var institution = await Servers.NewDatabaseAsync(engine);
        await OriginalSchema.CreateOwnAsync(engine, own);
        await OriginalSchema.CreateAsync(engine, institution, TestData.Year);
        await using var server = await RunningServer.StartAsync(engine, own, null,
            [.. OriginalSchema.Settings(engine, institution), "Cache:TimeToLiveSeconds:NOMEALUNO=2", "Cache:TimeToLiveSeconds:NOMEPROFESSOR=3600",
                "Cache:FlushCheckIntervalMilliseconds=0"]);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição", "Conceição Araújo" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEPROFESSOR|P1001"));

        await RollUploads.ExecuteAsync(engine, institution, "UPDATE ALUNO SET AL_NOME = 'João Novo' WHERE AL_CODIGO = 'A2001'");
        await RollUploads.ExecuteAsync(engine, institution, "UPDATE PROFESSOR SET PR_NOME = 'Outra Pessoa' WHERE PR_CODIGO = 'P1001'");

        // No trigger tells the server: both answers come from memory until their time runs out.
        CollectionAssert.AreEqual(new[] { "João Conceição", "Conceição Araújo" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEPROFESSOR|P1001"));
        await Task.Delay(2500);
        CollectionAssert.AreEqual(new[] { "João Novo", "Conceição Araújo" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEPROFESSOR|P1001"),
            "the student's name outlived its 2 s, the professor's has an hour");

        var (status, output, errors) = await RunCommandAsync(engine, own, "flush");
        Assert.AreEqual(0, status, errors);
        StringAssert.Contains(output, "flush requested");

        CollectionAssert.AreEqual(new[] { "Outra Pessoa" }, await client.AskAsync("NOMEPROFESSOR|P1001"));
    }

    [TestMethod]
    public async Task On_PostgreSQL_a_mapping_may_give_set_forms_and_pipelined_questions_get_the_same_answers()
    {
        var own = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        var institution = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await OriginalSchema.CreateOwnAsync(Servers.PostgreSql, own);
        await OriginalSchema.CreateAsync(Servers.PostgreSql, institution, TestData.Year);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, own, null,
            [.. OriginalSchema.Settings(Servers.PostgreSql, institution),
                "Mapping:Queries:NOMEALUNO_SET=SELECT AL_CODIGO, AL_NOME FROM ALUNO WHERE AL_CODIGO = ANY(@students)",
                "Mapping:Queries:MATRICULADO_SET=SELECT ALUNO_CODIGO FROM MATRICULA WHERE CADEIRA_CODIGO = @class AND CURSO_CODIGO = @course "
                    + "AND MA_ANO = @year AND MA_SEMESTRE = @semester AND ALUNO_CODIGO = ANY(@students)",
                "Cache:MaximumEntries=0"]);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var requests = new List<string>();
        var expected = new List<string>();
        foreach (var (code, name) in SampleData.Students.Append(("Z9", "")))
        {
            requests.Add("NOMEALUNO|" + code);
            expected.Add(name.Length == 0 ? "NAOEHALUNO" : name);
            requests.Add("MATRICULADO|" + code + "|C101|1|2026|11");
            expected.Add(SampleData.IsEnrolled(code, "C101") ? "MATRICULADO" : "NAOMATRICULADO");
        }

        // One write: the server reads the names and enrolments ahead through the set forms.
        CollectionAssert.AreEqual(expected, await client.AskAsync(requests.ToArray()));
    }

    [TestMethod]
    public async Task Cache_flush_with_a_wrong_word_prints_its_usage()
    {
        var (status, _, errors) = await RunCommandAsync(Servers.Sqlite, Servers.NewSqliteConnectionString(), "empty");

        Assert.AreEqual(2, status);
        StringAssert.Contains(errors, CacheCommand.Usage);
    }

    [TestMethod]
    public async Task On_our_own_schema_cache_flush_reaches_the_server_for_a_change_the_triggers_did_not_count()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Cache:CheckIntervalMilliseconds=0");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "Cálculo I" }, await client.AskAsync("NOMECADEIRA|C101"));
        // A writer the change triggers do not see (as a bulk load with triggers off would be).
        await RollUploads.ExecuteAsync(Servers.Sqlite, connectionString, "DROP TRIGGER classes_update_counted");
        await RollUploads.ExecuteAsync(Servers.Sqlite, connectionString, "UPDATE classes SET name = 'Cálculo Um' WHERE code = 'C101'");
        CollectionAssert.AreEqual(new[] { "Cálculo I" }, await client.AskAsync("NOMECADEIRA|C101"), "unseen: still the cached name");

        var (status, _, errors) = await RunCommandAsync(Servers.Sqlite, connectionString, "flush");

        Assert.AreEqual(0, status, errors);
        CollectionAssert.AreEqual(new[] { "Cálculo Um" }, await client.AskAsync("NOMECADEIRA|C101"));
    }

    private static async Task<StartRefusedException> StartRefusedAsync(string engine, params string[] settings)
    {
        var own = await Servers.NewDatabaseAsync(engine);
        var institution = await Servers.NewDatabaseAsync(engine);
        await OriginalSchema.CreateOwnAsync(engine, own);
        await OriginalSchema.CreateAsync(engine, institution, TestData.Year);
        return await Assert.ThrowsExactlyAsync<StartRefusedException>(() =>
            RunningServer.StartAsync(engine, own, null, [.. OriginalSchema.Settings(engine, institution), .. settings]));
    }

    private static async Task<(int Status, string Output, string Errors)> RunCommandAsync(string engine, string connectionString, params string[] words)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var status = await CacheCommand.RunAsync([.. words, "--Lookup:Database:Provider=" + engine, "--Lookup:Database:ConnectionString=" + connectionString], output, errors);
        return (status, output.ToString(), errors.ToString());
    }
}
