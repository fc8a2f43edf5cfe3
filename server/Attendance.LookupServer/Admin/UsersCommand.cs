using System.Security.Cryptography;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Accounts;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.LookupServer.Admin;

/// <summary>
/// `users add|list|remove|set-role|unlock|password`: the portal's accounts, through ASP.NET Core Identity's
/// UserManager (its password hasher, validators and lockout), so that the first administrator exists before the
/// portal does. A password is read from standard input (`--password-stdin`: one line, or typed twice without
/// echo at a terminal) or generated from the CSPRNG and shown this once; it is never logged. Role and professor changes reach signed-in sessions within a
/// minute (the security stamp changes).
/// </summary>
public static class UsersCommand
{
    public const string Usage = "usage: users add <name> --role <administrator|secretary|professor> [--professor <code>] [--password-stdin]\n"
        + "       users list | remove <name> | set-role <name> <role> [--professor <code>] | unlock <name> | password <name> [--password-stdin]\n"
        + "       [--Lookup:Database:ConnectionString=...]";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter errors)
    {
        try
        {
            return await RunCommandAsync(args, input, output, errors);
        }
        catch (PasswordMismatchException mismatch)
        {
            await errors.WriteLineAsync("users: " + mismatch.Message + "; nothing was changed");
            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, TextReader input, TextWriter output, TextWriter errors)
    {
        string? role = null;
        string? professor = null;
        var passwordFromInput = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case "--professor" when i + 1 < args.Length:
                    professor = args[++i].Trim();
                    break;
                case "--password-stdin":
                    passwordFromInput = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        var (words, settings) = CommandHost.Split(rest.ToArray());
        var verb = words.Count > 0 ? words[0] : "";
        if (verb == "set-role" && words.Count == 3)
        {
            role = words[2];
            words.RemoveAt(2);
        }

        var expected = verb switch
        {
            "add" => words.Count == 2 && role != null,
            "set-role" => words.Count == 2 && role != null,
            "remove" or "unlock" or "password" => words.Count == 2 && role == null,
            "list" => words.Count == 1 && role == null,
            _ => false,
        };
        if (!expected)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        if (role != null)
        {
            var known = PortalRoles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            if (known == null)
            {
                await errors.WriteLineAsync("users: unknown role '" + role + "' (roles: " + string.Join(", ", PortalRoles.All) + ")");
                return 2;
            }

            role = known;
            if ((role == PortalRoles.Professor) != (professor != null))
            {
                await errors.WriteLineAsync(role == PortalRoles.Professor
                    ? "users: a professor account needs --professor <code> (the professor code it sees the classes of)"
                    : "users: --professor is only for the professor role");
                return 2;
            }
        }

        using var host = await CommandHost.OpenAsync(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (professor != null && !await ProfessorExistsAsync(host, professor))
        {
            await errors.WriteLineAsync("users: no professor with code '" + professor + "' (import the professors first)");
            return 1;
        }

        if (verb == "list")
        {
            var store = (SqlPortalUserStore)scope.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>();
            var all = await store.ListAsync(CancellationToken.None);
            foreach (var account in all)
            {
                var locked = account.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? "  [locked until " + end.UtcDateTime.ToString("yyyy-MM-dd HH:mm") + " UTC]" : "";
                await output.WriteLineAsync(account.UserName + "  " + account.Role + (account.ProfessorCode != null ? " " + account.ProfessorCode : "") + locked);
            }

            await output.WriteLineAsync("users: " + all.Count + " account" + (all.Count == 1 ? "" : "s"));
            return 0;
        }

        var name = words[1].Trim();
        var user = await users.FindByNameAsync(name);
        if (verb == "add")
        {
            if (user != null)
            {
                await errors.WriteLineAsync("users: " + name + " already exists (`users set-role`, `users password` change it)");
                return 1;
            }

            var (password, generated) = await PasswordAsync(passwordFromInput, input);
            user = new PortalUser { UserName = name, Role = role!, ProfessorCode = professor };
            if (!await ReportAsync(await users.CreateAsync(user, password), errors))
            {
                return 1;
            }

            await output.WriteLineAsync("users: added " + name + " (" + role + (professor != null ? " " + professor : "") + ")");
            await ShowGeneratedAsync(generated, password, output);
            return 0;
        }

        if (user == null)
        {
            await errors.WriteLineAsync("users: no account " + name + " (`users list` shows them)");
            return 1;
        }

        switch (verb)
        {
            case "remove":
                if (!await ReportAsync(await users.DeleteAsync(user), errors))
                {
                    return 1;
                }

                await output.WriteLineAsync("users: removed " + name + "; its sessions end within a minute");
                return 0;
            case "set-role":
                user.Role = role!;
                user.ProfessorCode = professor;
                if (!await ReportAsync(await users.UpdateSecurityStampAsync(user), errors))
                {
                    return 1;
                }

                await output.WriteLineAsync("users: " + name + " is now " + role + (professor != null ? " " + professor : ""));
                return 0;
            case "unlock":
                await users.SetLockoutEndDateAsync(user, null);
                if (!await ReportAsync(await users.ResetAccessFailedCountAsync(user), errors))
                {
                    return 1;
                }

                await output.WriteLineAsync("users: " + name + " is unlocked");
                return 0;
            default:
            {
                var (password, generated) = await PasswordAsync(passwordFromInput, input);
                foreach (var validator in users.PasswordValidators)
                {
                    if (!await ReportAsync(await validator.ValidateAsync(users, user, password), errors))
                    {
                        return 1;
                    }
                }

                // Checked above, so the account is not left without a password between the two steps.
                if (!await ReportAsync(await users.RemovePasswordAsync(user), errors) || !await ReportAsync(await users.AddPasswordAsync(user, password), errors))
                {
                    return 1;
                }

                await output.WriteLineAsync("users: new password for " + name + "; its other sessions end within a minute");
                await ShowGeneratedAsync(generated, password, output);
                return 0;
            }
        }
    }

    /// <summary>20 characters of base64url from 15 bytes of the CSPRNG (120 bits).</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    private static async Task<(string Password, bool Generated)> PasswordAsync(bool fromInput, TextReader input)
    {
        if (!fromInput)
        {
            return (NewPassword(), true);
        }

        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            // Typed at a terminal: asked twice, without echo.
            var first = ReadHidden("Password: ");
            return (ReadHidden("Again: ") == first ? first : throw new PasswordMismatchException(), false);
        }

        var line = await input.ReadLineAsync() ?? "";
        return (line.TrimEnd('\r', '\n'), false);
    }

    private static string ReadHidden(string prompt)
    {
        // Reading the keyboard state first puts the terminal in .NET's no-echo mode before the prompt shows, so
        // that keys typed at once are not echoed either.
        _ = Console.KeyAvailable;
        Console.Error.Write(prompt);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }

    private sealed class PasswordMismatchException() : Exception("the two passwords typed differ");

    private static async Task ShowGeneratedAsync(bool generated, string password, TextWriter output)
    {
        if (generated)
        {
            await output.WriteLineAsync("password (shown this once; the server keeps only its hash): " + password);
        }
    }

    private static async Task<bool> ReportAsync(IdentityResult result, TextWriter errors)
    {
        foreach (var error in result.Errors)
        {
            await errors.WriteLineAsync("users: " + error.Description);
        }

        return result.Succeeded;
    }

    /// <summary>
    /// Whether the lookups know the professor (NOMEPROFESSOR): our own professors table by default, the institution's
    /// through a mapping (docs/mapping.md).
    /// </summary>
    private static async Task<bool> ProfessorExistsAsync(CommandHost host, string code) =>
        await host.Services.GetRequiredService<SqlLookupStore>().FindProfessorNameAsync(code, CancellationToken.None) != null;
}
