using System.Collections.Concurrent;
using System.Data.Common;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The lines of one read are answered with their student names and enrolments read ahead in one store call per
/// kind (LookupRequestHandler.PrefetchAsync): the answers must be those of the same lines asked one by one, and an
/// unauthenticated client's lines must never reach the store. Runs on SQLite and PostgreSQL (derived classes below).
/// </summary>
public abstract class PipelinedBatchTests
{
    /// <summary>Student A2004's stored name: too long for an answer, so it is answered repaired (DataRules.RepairName).</summary>
    private static readonly string LongName = new('ç', 300);

    protected abstract string Provider { get; }

    /// <summary>A roll's questions with unknown codes, students not enrolled, a repaired name and refused lines among them.</summary>
    private static readonly string[] Mixed =
    {
        "NOMEALUNO|A2001", "NOMEALUNO|A9999", "NOMEALUNO|A2004", "MATRICULADO|A2001|C101|ENG|2026|11",
        "MATRICULADO|A2004|C101|ENG|2026|11", "MATRICULADO|A9999|C101|ENG|2026|11", "MATRICULADO|A2005|C101|ENG|2027|7",
        "MATRICULADO|A2005|C102|ENG|2026|11", "MATRICULADO|A2001|C101|ENG|2026|1", "NOMEALUNO|", "NOMEALUNO|A2001|A2002",
        "MATRICULADO|A2001|C101|ENG|26|11", "MATRICULADO|A2001|C101|ENG|2026|13", "NOMEALUNO|a\\xb", "FOO|A2001",
        "NOMEALUNO|A2002", "NOMECADEIRA|C102", "MATRICULADO|A2002|C101|ENG|2026|11", "MATRICULADO|A2003|C101|ENG|2026|11",
        "NOMEALUNO|A2001", "NOMEALUNO|A2005", "MATRICULADO|A2005|C101|ENG|2026|3", "MATRICULADO|A2005|C101|ENG|2027|8",
        "NOMEALUNO|" + new string('A', 70), "CODIGOCURSOCADEIRA|C101", "NOMEALUNO|A2003",
    };

    [TestMethod]
    public async Task Pipelined_answers_are_the_one_by_one_answers()
    {
        var (server, store) = await StartAsync();
        await using var _ = server;
        await using var oneByOne = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var expected = new List<string>();
        foreach (var request in Mixed)
        {
            expected.Add((await oneByOne.AskAsync(request))[0]);
        }

        await using var pipelined = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var answers = await pipelined.AskAsync(Mixed);

        CollectionAssert.AreEqual(expected, answers);
        Assert.AreEqual(DataRules.RepairName(LongName), answers[2], "the stored name is answered repaired");
        Assert.AreEqual("NAOEHALUNO", answers[1]);
        Assert.AreEqual("NAOMATRICULADO", answers[4]);
        Assert.IsTrue(store.BatchCalls > 0, "the pipelined lines were read ahead in batches");
    }

    [TestMethod]
    public async Task Sixty_pipelined_names_take_a_few_store_calls_not_sixty()
    {
        var (server, store) = await StartAsync();
        await using var _ = server;
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var requests = Enumerable.Range(0, 60).Select(i => "NOMEALUNO|A200" + (i % 5 + 1)).ToArray();
        var enrolments = Enumerable.Range(0, 60).Select(i => "MATRICULADO|A200" + (i % 5 + 1) + "|C101|ENG|2026|11").ToArray();
        store.Reset();

        var names = await client.AskAsync(requests);
        var callsForNames = store.Calls;
        var enrolled = await client.AskAsync(enrolments);

        Assert.AreEqual("João Conceição", names[0]);
        Assert.AreEqual("José Estêvão", names[59]);
        Assert.AreEqual("MATRICULADO", enrolled[0]);
        Assert.AreEqual("NAOMATRICULADO", enrolled[3]);
        // One write may arrive in more than one read; each read costs one call per kind.
        Assert.IsTrue(callsForNames <= 3, "60 names took " + callsForNames + " store calls");
        Assert.IsTrue(store.Calls - callsForNames <= 3, "60 enrolments took " + (store.Calls - callsForNames) + " store calls");
    }

    [TestMethod]
    public async Task Queries_before_AUTENTICAR_in_the_same_write_are_refused_and_never_reach_the_store()
    {
        var (server, store) = await StartAsync();
        await using var _ = server;
        await using var client = await LineClient.ConnectAsync(server.Port);
        var nonce = LookupFieldCodec.Split((await client.ReadLineAsync())!)![2];
        var proof = LookupAuthentication.ComputeProof(HexText.ToBytes(TestData.TerminalKeyHex), nonce, TestData.TerminalId);
        store.Reset();

        var answers = await client.AskAsync(
            "NOMEALUNO|A2003", "MATRICULADO|A2003|C101|ENG|2026|11", "NOMEALUNO|A2003",
            "AUTENTICAR|" + TestData.TerminalId + "|" + proof,
            "NOMEALUNO|A2001", "NOMEALUNO|A2002", "MATRICULADO|A2001|C101|ENG|2026|11", "MATRICULADO|A2004|C101|ENG|2026|11");

        CollectionAssert.AreEqual(
            new[] { "ERRO|nao autenticado", "ERRO|nao autenticado", "ERRO|nao autenticado", "OK", "João Conceição", "Ñandú Müller", "MATRICULADO", "NAOMATRICULADO" },
            answers);
        CollectionAssert.DoesNotContain(store.AskedStudents.ToArray(), "A2003", "no query for the lines before AUTENTICAR");
        Assert.IsTrue(store.BatchCalls > 0, "the lines after AUTENTICAR were read ahead");
    }

    [TestMethod]
    public async Task A_failing_batch_answers_every_line_it_covered_with_the_passing_error()
    {
        var (server, store) = await StartAsync();
        await using var _ = server;
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        store.Failing = true;
        var requests = new[] { "NOMEALUNO|A2001", "NOMECADEIRA|C102", "NOMEALUNO|A2002", "NOMEALUNO|", "MATRICULADO|A2001|C101|ENG|2026|11", "MATRICULADO|A2002|C101|ENG|2026|11" };
        var expected = new List<string>();
        foreach (var request in requests)
        {
            expected.Add((await client.AskAsync(request))[0]);
        }

        var answers = await client.AskAsync(requests);

        CollectionAssert.AreEqual(expected, answers);
        CollectionAssert.AreEqual(
            new[] { "ERRO|servidor indisponivel", "Álgebra Linear", "ERRO|servidor indisponivel", "ERRO|campo 1 vazio ou longo demais", "ERRO|servidor indisponivel", "ERRO|servidor indisponivel" },
            answers);
    }

    /// <summary>A seeded database of its own (A2004's name too long), served through a <see cref="CountingStore"/> without the cache.</summary>
    private async Task<(RunningServer Server, CountingStore Store)> StartAsync()
    {
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);
        await using (var connection = Provider == Servers.Sqlite ? (DbConnection)new SqliteConnection(connectionString) : Provider == Servers.MariaDb ? new MySqlConnector.MySqlConnection(connectionString) : new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE students SET name = @name WHERE code = 'A2004'";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@name";
            parameter.Value = LongName;
            command.Parameters.Add(parameter);
            Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
        }

        var store = new CountingStore();
        var server = await RunningServer.StartWithServicesAsync(Provider, connectionString, null,
            services => services.AddSingleton<ILookupStore>(provider => store.Over(provider.GetRequiredService<SqlLookupStore>())),
            "Cache:MaximumEntries=0", "Admission:FailedLoginsBeforeBackoff=0");
        return (server, store);
    }

    /// <summary>
    /// Passes every question on to the database store and counts the student questions; <see cref="Failing"/>
    /// makes them fail as a database that stays down does.
    /// </summary>
    private sealed class CountingStore : ILookupStore
    {
        private ILookupStore _inner = null!;
        private int _calls;
        private int _batchCalls;

        public ConcurrentQueue<string> AskedStudents { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        public int BatchCalls => Volatile.Read(ref _batchCalls);

        public volatile bool Failing;

        public ILookupStore Over(ILookupStore inner)
        {
            _inner = inner;
            return this;
        }

        public void Reset()
        {
            Volatile.Write(ref _calls, 0);
            Volatile.Write(ref _batchCalls, 0);
            AskedStudents.Clear();
        }

        public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken) => _inner.FindProfessorEmailAsync(professorCode, cancellationToken);

        public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken) => _inner.FindProfessorNameAsync(professorCode, cancellationToken);

        public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken)
        {
            Count(studentCode);
            return _inner.FindStudentNameAsync(studentCode, cancellationToken);
        }

        public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken) => _inner.FindClassAtAsync(professorCode, weekday, time, cancellationToken);

        public Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken) => _inner.FindClassStartAsync(classCode, weekday, time, cancellationToken);

        public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken) => _inner.FindCourseOfClassAsync(classCode, cancellationToken);

        public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken) => _inner.FindCourseNameAsync(courseCode, cancellationToken);

        public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken) => _inner.FindClassNameAsync(classCode, cancellationToken);

        public Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
        {
            Count(studentCode);
            return _inner.IsEnrolledAsync(studentCode, classCode, courseCode, year, semester, cancellationToken);
        }

        public Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken) => _inner.FindTerminalKeyHexAsync(terminalId, cancellationToken);

        public Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
        {
            Count(studentCodes.ToArray());
            Interlocked.Increment(ref _batchCalls);
            return _inner.FindStudentNamesAsync(studentCodes, cancellationToken);
        }

        public Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
        {
            Count(studentCodes.ToArray());
            Interlocked.Increment(ref _batchCalls);
            return _inner.FindEnrolledStudentsAsync(studentCodes, classCode, courseCode, year, semester, cancellationToken);
        }

        private void Count(params string[] studentCodes)
        {
            Interlocked.Increment(ref _calls);
            foreach (var code in studentCodes)
            {
                AskedStudents.Enqueue(code);
            }

            if (Failing)
            {
                throw new DatabaseUnavailableException(new TimeoutException("test: the database stays down"));
            }
        }
    }
}

[TestClass]
public class SqlitePipelinedBatchTests : PipelinedBatchTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class PostgreSqlPipelinedBatchTests : PipelinedBatchTests
{
    protected override string Provider => Servers.PostgreSql;
}

[TestClass]
public class MariaDbPipelinedBatchTests : PipelinedBatchTests
{
    protected override string Provider => Servers.MariaDb;
}
