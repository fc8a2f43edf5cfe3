using System.Text;
using Attendance.LookupServer.Protocol;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Attendance.Fuzz.Targets;

/// <summary>
/// The server's request parsing (LookupRequestHandler.AnswerAsync) over each line of the input, decoded as
/// the server decodes it, in an open session and in one that must authenticate. It answers ERRO for bad input
/// and never throws.
/// </summary>
public sealed class LookupServerRequestTarget : FuzzTarget
{
    private readonly LookupRequestHandler handler = new(new AnsweringStore(), NullLogger.Instance);

    public override string Name => "lookup-server-requests";

    public override byte[][] Samples { get; } = LookupSamples.Lines;

    public override void Run(byte[] input)
    {
        var open = new LookupSession(openMode: true, nonce: null);
        var closed = new LookupSession(openMode: false, nonce: "3f2a9c");
        foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
        {
            var request = line.EndsWith('\r') ? line[..^1] : line;
            var answer = handler.AnswerAsync(open, request, CancellationToken.None).GetAwaiter().GetResult();
            handler.AnswerAsync(closed, request, CancellationToken.None).GetAwaiter().GetResult();
            if (answer == null || answer.Contains('\n'))
            {
                throw new InvalidOperationException("The answer is not one line.");
            }
        }
    }

    /// <summary>A store that knows everything: every query reaches the code that formats its answer.</summary>
    private sealed class AnsweringStore : ILookupStore
    {
        public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken) => Value(professorCode + "@example.edu");

        public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken) => Value("Prof | " + professorCode);

        public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken) => Value("Aluno\\" + studentCode);

        public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken) => Value("C1");

        public Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken) => Value("08:15");

        public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken) => Value("K1");

        public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken) => Value(null);

        public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken) => Value("Class\r\n" + classCode);

        public Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken) =>
            Task.FromResult(studentCode.Length % 2 == 0);

        public Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken) => Value("00ff00ff00ff00ff");

        private static Task<string?> Value(string? value) => Task.FromResult(value);
    }
}
