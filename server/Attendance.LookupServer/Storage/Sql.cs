using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>Parameterised commands only: values never become SQL text.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string text, DbTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<string?> ScalarTextAsync(DbConnection connection, string text, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, text, null, parameters);
        return Text(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>A scalar result as text, null for no row or SQL NULL.</summary>
    public static string? Text(object? result) =>
        result == null || result is DBNull ? null : Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string text, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, text, transaction, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
