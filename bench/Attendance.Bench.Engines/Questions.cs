using System.Diagnostics;
using Attendance.LookupServer.Storage;

namespace Attendance.Bench.Engines;

/// <summary>The questions of a closing roll, asked of a store by concurrent callers for a fixed time; every answer is checked.</summary>
public static class Questions
{
    public sealed record Question(int Kind, string Student, string Class, string Course, bool Expected);

    public static Question[] Make(int students, Func<string, string> courseCode)
    {
        var random = new Random(15);
        var list = new List<Question>();
        for (var i = 0; i < 4096; i++)
        {
            var index = random.Next(students);
            var student = random.Next(32) == 0 ? "X" + index : BenchData.StudentCode(index);
            var known = student[0] == 'S';
            var (classCode, _, course, _, _) = SampleData.Classes[random.Next(SampleData.Classes.Length)];
            list.Add(new Question(0, student, classCode, "", known));
            list.Add(new Question(1, student, classCode, courseCode(course), known && BenchData.IsEnrolled(index)));
            if (i % 8 == 0)
            {
                list.Add(new Question(2, "", "", "", true));
            }
        }

        return list.ToArray();
    }

    /// <summary>Answers per second; throws when an answer is wrong (a fast wrong mapping measures nothing).</summary>
    public static async Task<double> RateAsync(ILookupStore store, Question[] questions, int callers, double seconds)
    {
        // Warm-up: compiles, prepares statements, fills pools and the cache (a tenth of the time, not counted).
        await MeasureAsync(store, questions, callers, seconds / 10);
        return await MeasureAsync(store, questions, callers, seconds);
    }

    private static async Task<double> MeasureAsync(ILookupStore store, Question[] questions, int callers, double seconds)
    {
        var stop = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var count = 0L;
            var i = caller * 97;
            while (stop.Elapsed < limit)
            {
                await AskAsync(store, questions[i++ % questions.Length]);
                count++;
            }

            return count;
        })));
        return counts.Sum() / stop.Elapsed.TotalSeconds;
    }

    private static async Task AskAsync(ILookupStore store, Question question)
    {
        bool answer;
        switch (question.Kind)
        {
            case 0:
                answer = await store.FindStudentNameAsync(question.Student, CancellationToken.None) != null;
                break;
            case 1:
                answer = await store.IsEnrolledAsync(question.Student, question.Class, question.Course, BenchData.Year, 1, CancellationToken.None);
                break;
            default:
                // Monday 09:30, professor P1001: class C101.
                answer = await store.FindClassAtAsync("P1001", 1, "09:30", CancellationToken.None) == "C101";
                break;
        }

        if (answer != question.Expected)
        {
            throw new InvalidOperationException("wrong answer: " + question);
        }
    }
}
