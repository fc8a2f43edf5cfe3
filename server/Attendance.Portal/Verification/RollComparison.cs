using Attendance.Portal.Data;

namespace Attendance.Portal.Verification;

public enum DifferenceKind
{
    OnlyInStoredRoll,
    OnlyInEmail,
    StatusDiffers,
}

public sealed record RollDifference(DifferenceKind Kind, string StudentCode, PresenceStatus? EmailStatus, PresenceStatus? StoredStatus);

/// <summary>
/// Compares the students an e-mail lists with the stored roll: the code says whether the stored roll is the one
/// the terminal made; this says whether the e-mail in hand still says the same (someone may have edited its list).
/// </summary>
public static class RollComparison
{
    public static IReadOnlyList<RollDifference> Compare(IReadOnlyList<Presence> stored, IReadOnlyList<EmailStudent> email)
    {
        var storedByCode = stored.GroupBy(p => p.StudentCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var emailByCode = email.GroupBy(s => s.StudentCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var differences = new List<RollDifference>();
        foreach (var presence in stored)
        {
            if (!emailByCode.TryGetValue(presence.StudentCode, out var listed))
            {
                differences.Add(new RollDifference(DifferenceKind.OnlyInStoredRoll, presence.StudentCode, null, presence.Status));
            }
            else if (listed.Status is { } status && status != presence.Status)
            {
                differences.Add(new RollDifference(DifferenceKind.StatusDiffers, presence.StudentCode, status, presence.Status));
            }
        }

        differences.AddRange(email
            .Where(student => !storedByCode.ContainsKey(student.StudentCode))
            .DistinctBy(student => student.StudentCode)
            .Select(student => new RollDifference(DifferenceKind.OnlyInEmail, student.StudentCode, student.Status, null)));
        return differences;
    }
}
