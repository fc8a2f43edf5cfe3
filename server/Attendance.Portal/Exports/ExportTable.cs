namespace Attendance.Portal.Exports;

/// <summary>
/// A table to export, independent of the format: the CSV and XLSX writers take the same table, so both files of a
/// roll or class sheet hold the same columns. A cell is a string or a number (double); null is an empty cell.
/// </summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
