using System.Data.Common;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Import;

/// <summary>The outcome of one import: rows written, or the errors (by line) that made it write nothing.</summary>
public sealed record ImportResult(int RowsImported, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Loads one table from CSV all-or-nothing: every row is checked first and every bad row reported by line;
/// then all rows go in one transaction, which is rolled back at the first row the database refuses.
/// </summary>
public static class CsvImporter
{
    public static async Task<ImportResult> ImportAsync(LookupDatabase database, string tableName, string csvText, CancellationToken cancellationToken)
    {
        var table = ImportTable.Find(tableName);
        if (table == null)
        {
            return Fail("unknown table '" + tableName + "'; known: " + string.Join(", ", ImportTable.All.Select(t => t.Name)));
        }

        List<CsvRecord> records;
        try
        {
            records = CsvParser.Parse(csvText, CsvParser.DetectSeparator(csvText));
        }
        catch (FormatException exception)
        {
            return Fail(exception.Message);
        }

        if (records.Count == 0)
        {
            return Fail("line 1: the file is empty; a header line naming the columns is required");
        }

        var errors = new List<string>();
        var header = records[0].Fields.Select(name => name.Trim().ToLowerInvariant()).ToList();
        var columnOrder = new List<ImportColumn>();
        foreach (var name in header)
        {
            var column = table.Columns.FirstOrDefault(c => c.Name == name);
            if (column == null)
            {
                errors.Add("line 1: unknown column '" + name + "' for " + table.Name + " (columns: " + string.Join(", ", table.Columns.Select(c => c.Name)) + ")");
            }
            else if (columnOrder.Contains(column))
            {
                errors.Add("line 1: column '" + name + "' appears twice");
            }
            else
            {
                columnOrder.Add(column);
            }
        }

        foreach (var missing in table.Columns.Where(c => c.Kind != ColumnKind.OptionalText && !header.Contains(c.Name)))
        {
            errors.Add("line 1: missing column '" + missing.Name + "'");
        }

        if (errors.Count > 0)
        {
            return new ImportResult(0, errors);
        }

        var rows = new List<(int Line, object?[] Values)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columnOrder.Count)
            {
                errors.Add("line " + record.LineNumber + ": " + record.Fields.Count + " fields, expected " + columnOrder.Count);
                continue;
            }

            var values = new object?[columnOrder.Count];
            for (var i = 0; i < columnOrder.Count; i++)
            {
                values[i] = ImportTable.Convert(columnOrder[i], record.Fields[i], out var error);
                if (error != null)
                {
                    errors.Add("line " + record.LineNumber + ": " + error);
                }
            }

            rows.Add((record.LineNumber, values));
        }

        if (errors.Count > 0)
        {
            return new ImportResult(0, errors);
        }

        var sql = "INSERT INTO " + table.Name + " (" + string.Join(", ", columnOrder.Select(c => c.Name)) + ") VALUES ("
            + string.Join(", ", columnOrder.Select((_, i) => "@p" + i)) + ")";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (line, values) in rows)
        {
            try
            {
                await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, values.Select((value, i) => ("@p" + i, value ?? DBNull.Value)).ToArray());
            }
            catch (DbException exception)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Fail("line " + line + ": the database refused the row (" + exception.Message.Split('\n')[0].Trim() + "); nothing was imported");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(rows.Count, Array.Empty<string>());
    }

    private static ImportResult Fail(string error) => new(0, new[] { error });
}
