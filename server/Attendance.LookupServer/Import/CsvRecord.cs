namespace Attendance.LookupServer.Import;

/// <summary>One CSV record and the line it starts on (1-based), for error messages.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);
