namespace Attendance.MailArchive;

/// <summary>A message the archive accepted: where it was filed and its envelope.</summary>
public sealed record ArchivedMessage(string Path, string ReversePath, IReadOnlyList<string> Recipients, DateTime ReceivedUtc);
