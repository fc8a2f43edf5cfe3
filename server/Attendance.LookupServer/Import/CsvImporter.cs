using System.Data.Common;
using System.Globalization;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Import;

/// <summary>The outcome of one import: rows written (and, for a replace, rows deleted), or the errors that made it write nothing.</summary>
public sealed record ImportResult(int RowsImported, IReadOnlyList<string> Errors, int RowsDeleted = 0)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>How the file's rows meet the rows already in the table.</summary>
public enum ImportMode
{
    /// <summary>Adds rows; a key already in the table is an error (default).</summary>
    Insert,

    /// <summary>Adds new keys and overwrites the other columns of keys already in the table (--upsert).</summary>
    Upsert,

    /// <summary>Makes the table hold exactly the file's rows: upsert, then delete the keys the file lacks (--replace).</summary>
    Replace,
}

/// <summary>
/// Loads one table from CSV all-or-nothing: every row is checked first against the data rules
/// (Storage/DataRules.cs) and every bad field reported by line and field; then all rows go in one transaction,
/// which is rolled back at the first row the database refuses.
/// </summary>
public static class CsvImporter
{
    public static Task<ImportResult> ImportAsync(LookupDatabase database, string tableName, string csvText, CancellationToken cancellationToken) =>
        ImportAsync(database, tableName, csvText, ImportMode.Insert, cancellationToken);

    public static async Task<ImportResult> ImportAsync(LookupDatabase database, string tableName, string csvText, ImportMode mode, CancellationToken cancellationToken)
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

        var keyPositions = table.Keys.Select(key => columnOrder.IndexOf(key)).ToArray();
        var lineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(int Line, object?[] Values, string Key)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != columnOrder.Count)
            {
                errors.Add("line " + record.LineNumber + ": " + record.Fields.Count + " fields, expected " + columnOrder.Count
                    + " (" + string.Join(", ", columnOrder.Select(c => c.Name)) + ")");
                continue;
            }

            var values = new object?[columnOrder.Count];
            var rowIsGood = true;
            for (var i = 0; i < columnOrder.Count; i++)
            {
                values[i] = ImportTable.Convert(columnOrder[i], record.Fields[i], out var error);
                if (error != null)
                {
                    errors.Add("line " + record.LineNumber + ", field '" + columnOrder[i].Name + "': " + error);
                    rowIsGood = false;
                }
            }

            if (!rowIsGood)
            {
                continue;
            }

            // The same key twice would make the database refuse the second (insert) or keep only the last
            // (upsert, replace) without a word: either way the file is probably not what was meant.
            var key = KeyText(keyPositions.Select(position => values[position]));
            if (lineOfKey.TryGetValue(key, out var firstLine))
            {
                errors.Add("line " + record.LineNumber + ": the key (" + DescribeKey(table, keyPositions.Select(p => values[p]).ToArray()) + ") repeats line " + firstLine);
                continue;
            }

            lineOfKey.Add(key, record.LineNumber);
            rows.Add((record.LineNumber, values, key));
        }

        if (errors.Count > 0)
        {
            return new ImportResult(0, errors);
        }

        var sql = "INSERT INTO " + table.Name + " (" + string.Join(", ", columnOrder.Select(c => c.Name)) + ") VALUES ("
            + string.Join(", ", columnOrder.Select((_, i) => "@p" + i)) + ")";
        if (mode != ImportMode.Insert && database.Provider == DatabaseProvider.MariaDb)
        {
            // MariaDB/MySQL spell it ON DUPLICATE KEY UPDATE; a table of keys only updates a key to itself (a no-op
            // that, unlike INSERT IGNORE, does not turn other errors into warnings).
            var updated = columnOrder.Where(c => !table.Keys.Contains(c)).Select(c => c.Name + " = VALUES(" + c.Name + ")").ToArray();
            sql += " ON DUPLICATE KEY UPDATE " + (updated.Length == 0 ? table.Keys.First().Name + " = " + table.Keys.First().Name : string.Join(", ", updated));
        }
        else if (mode != ImportMode.Insert)
        {
            // ON CONFLICT ... DO UPDATE: SQLite 3.24 and PostgreSQL 9.5 spell it the same way.
            var updated = columnOrder.Where(c => !table.Keys.Contains(c)).Select(c => c.Name + " = excluded." + c.Name).ToArray();
            sql += " ON CONFLICT (" + string.Join(", ", table.Keys.Select(k => k.Name)) + ") "
                + (updated.Length == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", updated));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (line, values, _) in rows)
        {
            try
            {
                await Sql.ExecuteAsync(connection, transaction, sql, cancellationToken, values.Select((value, i) => ("@p" + i, value ?? DBNull.Value)).ToArray());
            }
            catch (DbException exception)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Fail("line " + line + ": the database refused the row (" + FirstLine(exception) + "); nothing was imported");
            }
        }

        var deleted = 0;
        if (mode == ImportMode.Replace)
        {
            var keep = new HashSet<string>(rows.Select(row => row.Key), StringComparer.Ordinal);
            var keyNames = table.Keys.Select(k => k.Name).ToArray();
            var stale = new List<object[]>();
            await using (var select = Sql.Command(connection, "SELECT " + string.Join(", ", keyNames) + " FROM " + table.Name, transaction))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = new object[keyNames.Length];
                    reader.GetValues(key);
                    if (!keep.Contains(KeyText(key)))
                    {
                        stale.Add(key);
                    }
                }
            }

            var delete = "DELETE FROM " + table.Name + " WHERE " + string.Join(" AND ", keyNames.Select((name, i) => name + " = @k" + i));
            foreach (var key in stale)
            {
                try
                {
                    await Sql.ExecuteAsync(connection, transaction, delete, cancellationToken, key.Select((value, i) => ("@k" + i, value)).ToArray());
                    deleted++;
                }
                catch (DbException exception)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return Fail("the row (" + DescribeKey(table, key) + ") is not in the file but could not be deleted: other tables still refer to it ("
                        + FirstLine(exception) + "); replace those first or keep the row; nothing was imported");
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(rows.Count, Array.Empty<string>(), deleted);
    }

    private static string KeyText(IEnumerable<object?> values) =>
        string.Join("\u0001", values.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)));

    private static string DescribeKey(ImportTable table, object?[] key) =>
        string.Join(", ", table.Keys.Select((column, i) => column.Name + " '" + Convert.ToString(key[i], CultureInfo.InvariantCulture) + "'"));

    private static string FirstLine(Exception exception) => exception.Message.Split('\n')[0].Trim();

    private static ImportResult Fail(string error) => new(0, new[] { error });
}
