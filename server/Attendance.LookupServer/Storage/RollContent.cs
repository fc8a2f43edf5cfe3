using System.Globalization;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// A roll as the terminal uploaded it (docs/protocol.md, "Uploading a roll"): the values its verification code
/// covers, exactly as sent. Times are seconds since 1970-01-01 UTC, as stored (<see cref="UploadTime"/>).
/// <see cref="ClassCode"/> is "" when the terminal was answered NAOHACADEIRA.
/// </summary>
public sealed record RollContent(
    string TerminalId,
    string RollId,
    string ProfessorCode,
    string ClassCode,
    long OpenedUtc,
    long ClosedUtc,
    long? LateAfterUtc,
    bool ClosedAutomatically,
    IReadOnlyList<RollContent.Swipe> Presences)
{
    /// <summary>One PRESENCA line: the student code and the first swipe's time.</summary>
    public readonly record struct Swipe(string StudentCode, long FirstSwipeUtc);
}

/// <summary>
/// The upload's times, <c>yyyyMMddTHHmmssZ</c> (ISO 8601 basic, UTC, to the second), to and from the stored form
/// (seconds since 1970-01-01 UTC, which sorts and compares as a number on SQLite and PostgreSQL alike).
/// </summary>
public static class UploadTime
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The seconds, or null when <paramref name="text"/> is not exactly a valid time in that format.</summary>
    public static long? Parse(string text)
    {
        if (text.Length != 16 || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        return ToSeconds(time);
    }

    public static string Text(long seconds) => ToDateTime(seconds).ToString(Format, CultureInfo.InvariantCulture);

    public static long ToSeconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    public static DateTime ToDateTime(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
}
