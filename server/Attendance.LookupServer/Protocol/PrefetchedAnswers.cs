using System.Runtime.ExceptionServices;

namespace Attendance.LookupServer.Protocol;

/// <summary>
/// Student names and enrolments fetched in one batch per kind for the lines of one read (LookupConnection), so the
/// answers of a pipelined roll cost one database query per kind instead of one per line. A batch that failed
/// keeps its failure: each line it covered then fails as its own query would have (the same ERRO answer).
/// </summary>
public sealed class PrefetchedAnswers
{
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _failedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<EnrolmentGroup, Batch> _enrolments = new();

    internal void AddNames(IReadOnlyCollection<string> codes, IReadOnlyDictionary<string, string?>? names, Exception? failure)
    {
        foreach (var code in codes)
        {
            if (failure != null)
            {
                _failedNames[code] = failure;
            }
            else if (names != null)
            {
                // A store that left a code out said nothing about it: the line then asks on its own.
                if (names.TryGetValue(code, out var name))
                {
                    _names[code] = name;
                }
            }
        }
    }

    internal void AddEnrolments(EnrolmentGroup group, IReadOnlyCollection<string> codes, IReadOnlySet<string>? enrolled, Exception? failure) =>
        _enrolments[group] = new Batch(new HashSet<string>(codes, StringComparer.Ordinal), enrolled, failure);

    /// <summary>True with the name (null: no such student) when the code was fetched; throws the batch's failure.</summary>
    internal bool TryGetName(string code, out string? name)
    {
        if (_failedNames.TryGetValue(code, out var failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return _names.TryGetValue(code, out name);
    }

    /// <summary>True with the answer when the enrolment was fetched; throws the batch's failure.</summary>
    internal bool TryGetEnrolled(string studentCode, EnrolmentGroup group, out bool enrolled)
    {
        enrolled = false;
        if (!_enrolments.TryGetValue(group, out var batch) || !batch.Asked.Contains(studentCode))
        {
            return false;
        }

        if (batch.Failure != null)
        {
            ExceptionDispatchInfo.Throw(batch.Failure);
        }

        enrolled = batch.Enrolled!.Contains(studentCode);
        return true;
    }

    /// <summary>The MATRICULADO lines asked together: one class and course in one semester.</summary>
    internal readonly record struct EnrolmentGroup(string ClassCode, string CourseCode, int Year, int Semester);

    private sealed record Batch(HashSet<string> Asked, IReadOnlySet<string>? Enrolled, Exception? Failure);
}
