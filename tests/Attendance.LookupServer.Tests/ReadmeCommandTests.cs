using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The lookup server's command lines in README.md and server/README.md, run as written against the PostgreSQL
/// cluster of the tests (and SQLite in a temporary folder). Every line of a <c>sh</c> block, and every inline
/// code span, that starts with <c>dotnet run --project server/Attendance.LookupServer</c>, <c>sudo -u postgres
/// psql</c> or <c>export Lookup__</c> is run; a block is one shell session (its exports hold for its later
/// lines), an inline span is one on its own. Only what cannot be the same on a test machine is substituted:
/// <list type="bullet">
/// <item><c>dotnet run --project server/Attendance.LookupServer [--]</c> runs the server already built beside the
/// tests (<c>dotnet Attendance.LookupServer.dll</c>: the same program and arguments, without a rebuild);</item>
/// <item><c>sudo -u postgres psql</c> is psql as the cluster's administrator on its address and port;</item>
/// <item><c>Host=localhost</c> gets the cluster's address and port, and the name <c>attendance</c> (role and
/// database) a name of this run;</item>
/// <item>a command (<c>-- import</c>, <c>-- terminals</c>, <c>-- demo</c>) must exit 0; a server line also gets <c>--Lookup:Port=0 --Lookup:BindAddress=127.0.0.1</c> (a free loopback port), and
/// passes when it greets a client with <c>OLA|1|...</c> on the provider its line names.</item>
/// </list>
/// server/README.md runs first: its PostgreSQL section creates the role and the database README.md's line uses.
/// </summary>
[TestClass]
public class ReadmeCommandTests
{
    private const string ServerCommand = "dotnet run --project server/Attendance.LookupServer";

    [TestMethod]
    public async Task The_server_command_lines_of_both_READMEs_work_as_written()
    {
        var cluster = await Servers.ClusterAsync();
        var admin = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString);
        var name = "attendance_readme_" + Environment.ProcessId;
        var folder = Directory.CreateTempSubdirectory("attendance-readme-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "alunos.csv"), "code;name\nB900;Inês Gonçalves\nB901;José Araújo\n", new UTF8Encoding(false));
            await File.WriteAllTextAsync(Path.Combine(folder, "matriculas.csv"),
                "student_code;class_code;course_code;year;semester\nB900;K1;ENG;2026;1\n", new UTF8Encoding(false));
            var ran = new List<string>();
            foreach (var readme in new[] { "server/README.md", "README.md" })
            {
                var sessions = Sessions(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), readme)));
                foreach (var session in sessions)
                {
                    var exports = new StringBuilder();
                    foreach (var written in session)
                    {
                        var line = Regex.Replace(written, @"\battendance\b", name)
                            .Replace("Host=localhost", "Host=" + admin.Host + ";Port=" + admin.Port, StringComparison.Ordinal);
                        if (line.StartsWith("export ", StringComparison.Ordinal))
                        {
                            exports.AppendLine(line);
                        }
                        else if (line.StartsWith("sudo -u postgres psql", StringComparison.Ordinal))
                        {
                            var psql = "psql -h " + admin.Host + " -p " + admin.Port + " -U " + admin.Username + " -d " + admin.Database + " -v ON_ERROR_STOP=1 -q"
                                + line["sudo -u postgres psql".Length..];
                            await RunToEndAsync(folder, exports + psql, readme, written);
                        }
                        else
                        {
                            var command = "dotnet '" + ServerDll() + "'" + Regex.Replace(line[ServerCommand.Length..], @"^ --(?= |$)", "");
                            if (Regex.IsMatch(line[ServerCommand.Length..], @"^ -- portal\b"))
                            {
                                // The portal alone: it listens on a free loopback port and shows its sign-in page.
                                await RunPortalAsync(folder, exports + command + " --Portal:Port=0", readme, written);
                            }
                            else if (Regex.IsMatch(line[ServerCommand.Length..], @"^ -- [a-z]"))
                            {
                                // A command (import, terminals, demo): runs to its end and succeeds.
                                if (line.Contains("enrolments", StringComparison.Ordinal))
                                {
                                    // The enrolments refer to a class and a course: test data, not part of the command.
                                    await SeedClassAsync(folder, exports.ToString(), line);
                                }

                                var output = await RunToEndAsync(folder, exports + command, readme, written);
                                if (line.Contains(" import ", StringComparison.Ordinal))
                                {
                                    StringAssert.Contains(output, "rows imported", readme + ": " + written);
                                }
                            }
                            else
                            {
                                var postgres = line.Contains("Host=", StringComparison.Ordinal) || exports.ToString().Contains("Host=", StringComparison.Ordinal);
                                await RunServerAsync(folder, exports + command + " --Lookup:Port=0 --Lookup:BindAddress=127.0.0.1 --Portal:Port=0", postgres, readme, written);
                            }
                        }

                        ran.Add(readme + ": " + written);
                    }
                }
            }

            // Fails if the READMEs lose their commands or the extraction stops finding them.
            Assert.IsTrue(ran.Count(line => line.Contains("psql", StringComparison.Ordinal)) >= 2, string.Join("\n", ran));
            Assert.IsTrue(ran.Count(line => line.Contains("Host=", StringComparison.Ordinal)) >= 3, string.Join("\n", ran));
            Assert.IsTrue(ran.Count(line => line.Contains(ServerCommand, StringComparison.Ordinal)) >= 12, string.Join("\n", ran));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The command lines to run, grouped by shell session (a sh block, or one inline code span).</summary>
    private static List<List<string>> Sessions(string markdown)
    {
        var sessions = new List<List<string>>();
        List<string>? block = null;
        foreach (var line in markdown.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (block != null)
                {
                    sessions.Add(block);
                    block = null;
                }
                else if (line == "```sh")
                {
                    block = new List<string>();
                }

                continue;
            }

            if (block != null)
            {
                if (IsCommand(line))
                {
                    block.Add(StripComment(line));
                }

                continue;
            }

            foreach (Match span in Regex.Matches(line, "`([^`]+)`"))
            {
                if (IsCommand(span.Groups[1].Value) && span.Groups[1].Value.StartsWith(ServerCommand, StringComparison.Ordinal))
                {
                    sessions.Add(new List<string> { span.Groups[1].Value });
                }
            }
        }

        return sessions.Where(session => session.Count > 0).ToList();
    }

    private static bool IsCommand(string line) =>
        line.StartsWith(ServerCommand, StringComparison.Ordinal) && (line.Length == ServerCommand.Length || line[ServerCommand.Length] == ' ')
        || line.StartsWith("sudo -u postgres psql ", StringComparison.Ordinal)
        || line.StartsWith("export Lookup__", StringComparison.Ordinal);

    /// <summary>A block line's trailing "# comment" (after two spaces) is for the reader; bash would drop it too.</summary>
    private static string StripComment(string line)
    {
        var comment = line.IndexOf("  #", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).TrimEnd();
    }

    private static async Task SeedClassAsync(string folder, string exports, string line)
    {
        var match = Regex.Match(exports + " " + line, "ConnectionString=\"([^\"]+)\"");
        Assert.IsTrue(match.Success, line);
        await using var connection = new NpgsqlConnection(match.Groups[1].Value);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO courses (code, name) VALUES ('ENG', 'Engenharia') ON CONFLICT DO NOTHING; "
            + "INSERT INTO classes (code, name, course_code) VALUES ('K1', 'Cálculo', 'ENG') ON CONFLICT DO NOTHING";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> RunToEndAsync(string folder, string script, string readme, string written)
    {
        using var process = Start(folder, script);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(readme + ": '" + written + "' did not finish in 60 s");
        }

        Assert.AreEqual(0, process.ExitCode, readme + ": '" + written + "' failed:\n" + await output + await errors);
        return await output;
    }

    private static async Task RunServerAsync(string folder, string script, bool postgres, string readme, string written)
    {
        using var process = Start(folder, script);
        var errors = new StringBuilder();
        var seen = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }
        };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == null)
            {
                listening.TrySetException(new AssertFailedException(readme + ": '" + written + "' stopped"));
                return;
            }

            lock (seen)
            {
                seen.AppendLine(line.Data);
            }

            var match = Regex.Match(line.Data, @"listening on 127\.0\.0\.1:(\d+)");
            if (match.Success)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(task =>
            {
                lock (seen)
                {
                    lock (errors)
                    {
                        Assert.IsTrue(task.IsCompletedSuccessfully, readme + ": '" + written + "' did not listen:\n" + seen + errors);
                    }
                }

                return task.Result;
            });

            lock (seen)
            {
                StringAssert.Contains(seen.ToString(), "Database " + (postgres ? "PostgreSql" : "Sqlite") + " at schema version", readme + ": " + written);
            }

            await using var client = await LineClient.ConnectAsync(port);
            StringAssert.StartsWith(await client.ReadLineAsync(), "OLA|1|", readme + ": " + written);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task RunPortalAsync(string folder, string script, string readme, string written)
    {
        using var process = Start(folder, script);
        var seen = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler read = (_, line) =>
        {
            lock (seen)
            {
                seen.AppendLine(line.Data);
            }

            var match = Regex.Match(line.Data ?? "", @"Portal listening on (http://127\.0\.0\.1:\d+)");
            if (match.Success)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        };
        process.OutputDataReceived += read;
        process.ErrorDataReceived += read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var done = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            lock (seen)
            {
                Assert.AreSame(listening.Task, done, readme + ": '" + written + "' did not serve the portal:\n" + seen);
                Assert.IsFalse(seen.ToString().Contains("Lookup server listening", StringComparison.Ordinal), readme + ": the portal alone opens no lookup port");
            }

            using var client = new HttpClient();
            var page = await client.GetAsync(await listening.Task + "/Account/Login");
            Assert.AreEqual(System.Net.HttpStatusCode.OK, page.StatusCode, readme + ": " + written);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(string folder, string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -e\n" + script);

        // Plain console lines, so the test can read the listening port.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
    }

    private static string ServerDll() => typeof(LookupServerApp).Assembly.Location;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Attendance.Firmware.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
