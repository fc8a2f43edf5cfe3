using System.Data.Common;
using Attendance.Portal.Accounts;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// ASP.NET Core Identity's user store over the lookup database's portal_users table (SchemaMigrator, migration
/// 4), on SQLite and PostgreSQL through the same <see cref="LookupDatabase"/> as everything else. Identity does
/// the work (password hashing, lockout counting, security stamps, sign-in); this class only reads and writes the
/// row. Written over ADO rather than Identity's Entity Framework stores so that the server keeps one way to
/// reach its database (one connection setting, one migrator, the same PostgreSQL pool) and its one-role-per-account
/// model is a column, not three tables.
/// </summary>
public sealed class SqlPortalUserStore(LookupDatabase database) :
    IUserPasswordStore<PortalUser>,
    IUserSecurityStampStore<PortalUser>,
    IUserLockoutStore<PortalUser>,
    IUserRoleStore<PortalUser>,
    IPortalUserDirectory
{
    private const string Columns = "id, user_name, normalized_user_name, password_hash, security_stamp, concurrency_stamp, role, professor_code, "
        + "lockout_end_ms, access_failed_count, lockout_enabled";

    public void Dispose()
    {
    }

    /// <summary>Every account, by name (the `users list` command).</summary>
    public async Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, "SELECT " + Columns + " FROM portal_users ORDER BY normalized_user_name", cancellationToken);
    }

    public async Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await Sql.ExecuteAsync(connection, null, "INSERT INTO portal_users (" + Columns + ") VALUES (@id, @name, @normalized, @hash, @stamp, "
                + "@concurrency, @role, @professor, @lockoutEnd, @failures, @lockoutEnabled)", cancellationToken, Parameters(user, user.ConcurrencyStamp));
        }
        catch (DbException exception) when (IsUniqueViolation(exception))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        // Optimistic concurrency as Identity's own stores do it: the row changes only if nobody changed it since it was read.
        var read = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, "UPDATE portal_users SET user_name = @name, normalized_user_name = @normalized, "
            + "password_hash = @hash, security_stamp = @stamp, concurrency_stamp = @concurrency, role = @role, professor_code = @professor, "
            + "lockout_end_ms = @lockoutEnd, access_failed_count = @failures, lockout_enabled = @lockoutEnabled WHERE id = @id AND concurrency_stamp = @read",
            null, [.. Parameters(user, user.ConcurrencyStamp), ("@read", read)]);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            user.ConcurrencyStamp = read;
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, null, "DELETE FROM portal_users WHERE id = @id", cancellationToken, ("@id", user.Id));
        return IdentityResult.Success;
    }

    public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => FindOneAsync("id", userId, cancellationToken);

    public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_user_name", normalizedUserName, cancellationToken);

    public Task<string> GetUserIdAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash != null);

    public Task SetSecurityStampAsync(PortalUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(PortalUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(PortalUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    // Roles: one per account, a column. Identity normalises role names to upper case; ours are lower-case constants.
    public Task AddToRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken)
    {
        user.Role = KnownRole(roleName);
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken)
    {
        if (string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase))
        {
            user.Role = "";
        }

        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>(user.Role.Length > 0 ? new List<string> { user.Role } : new List<string>());

    public Task<bool> IsInRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<PortalUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, "SELECT " + Columns + " FROM portal_users WHERE role = @role ORDER BY normalized_user_name", cancellationToken,
            ("@role", KnownRole(roleName)))).ToList();
    }

    /// <summary>One of <see cref="PortalRoles.All"/>, whatever the case it came in; anything else is refused.</summary>
    public static string KnownRole(string roleName) =>
        PortalRoles.All.FirstOrDefault(role => string.Equals(role, roleName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException("unknown role '" + roleName + "' (roles: " + string.Join(", ", PortalRoles.All) + ")", nameof(roleName));

    private async Task<PortalUser?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await ReadAsync(connection, "SELECT " + Columns + " FROM portal_users WHERE " + column + " = @value", cancellationToken, ("@value", value));
        return found.Count > 0 ? found[0] : null;
    }

    private static async Task<List<PortalUser>> ReadAsync(DbConnection connection, string text, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Sql.Command(connection, text, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<PortalUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new PortalUser
            {
                Id = reader.GetString(0),
                UserName = reader.GetString(1),
                NormalizedUserName = reader.GetString(2),
                PasswordHash = reader.IsDBNull(3) ? null : reader.GetString(3),
                SecurityStamp = reader.GetString(4),
                ConcurrencyStamp = reader.GetString(5),
                Role = reader.GetString(6),
                ProfessorCode = reader.IsDBNull(7) ? null : reader.GetString(7),
                LockoutEnd = reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture)),
                AccessFailedCount = Convert.ToInt32(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
                LockoutEnabled = Convert.ToInt64(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture) != 0,
            });
        }

        return users;
    }

    private static (string Name, object Value)[] Parameters(PortalUser user, string concurrencyStamp) =>
    [
        ("@id", user.Id),
        ("@name", user.UserName),
        ("@normalized", user.NormalizedUserName),
        ("@hash", (object?)user.PasswordHash ?? DBNull.Value),
        ("@stamp", user.SecurityStamp),
        ("@concurrency", concurrencyStamp),
        ("@role", user.Role),
        ("@professor", (object?)user.ProfessorCode ?? DBNull.Value),
        ("@lockoutEnd", user.LockoutEnd is { } end ? end.ToUnixTimeMilliseconds() : DBNull.Value),
        ("@failures", user.AccessFailedCount),
        ("@lockoutEnabled", user.LockoutEnabled ? 1 : 0),
    ];

    /// <summary>A second account with the same normalised name: the engine's unique-key error (<see cref="SqlRollStore.IsUniqueViolation"/>).</summary>
    private static bool IsUniqueViolation(DbException exception) =>
        SqlRollStore.IsUniqueViolation(exception) || exception is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}
