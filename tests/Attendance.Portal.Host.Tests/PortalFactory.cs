using System.Net;
using System.Text.RegularExpressions;
using Attendance.Portal.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attendance.Portal.Host.Tests;

/// <summary>
/// The lookup server's Program with the portal, in memory (TestServer), on a SQLite file of its own. The lookup
/// listener takes a free loopback port; the database is migrated by the host itself (its first hosted service).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("attendance-portal-tests-").FullName;
    private readonly Dictionary<string, string> _settings;

    public PortalFactory(params (string Key, string Value)[] settings)
    {
        _settings = new Dictionary<string, string>
        {
            ["Lookup:BindAddress"] = "127.0.0.1",
            ["Lookup:Port"] = "0",
            ["Lookup:Database:ConnectionString"] = "Data Source=" + Path.Combine(_folder, "lookup.db"),
            ["MailArchive:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath => Path.Combine(_folder, "lookup.db");

    /// <summary>The host's clock when set (the Terminals pages judge "offline" by it): tests move it instead of sleeping.</summary>
    public TimeProvider? Time { get; init; }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time != null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            });
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
    }

    /// <summary>An account made through Identity's UserManager, as the users command makes it.</summary>
    public async Task AddUserAsync(string name, string role, string? professorCode = null, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var result = await users.CreateAsync(new PortalUser { UserName = name, Role = role, ProfessorCode = professorCode }, password);
        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
    }

    public async Task<PortalUser> FindUserAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(name))!;
    }

    /// <summary>A client that keeps cookies and does not follow redirects (the tests look at them).</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Posts the sign-in form as a browser would: the form's anti-forgery token and cookie, then the fields.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, string returnUrl = "")
    {
        var token = await FormTokenAsync(client, "/Account/Login");
        var fields = new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl.Length > 0)
        {
            fields["ReturnUrl"] = returnUrl;
        }

        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
    }

    /// <summary>The hidden anti-forgery field of the first form on a page (and the cookie that goes with it, kept by the client).</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode, path);
        var match = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.IsTrue(match.Success, "no anti-forgery field on " + path);
        return match.Groups[1].Value;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Every log line the host writes, to check what it does not say.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add(logLevel + " " + category + ": " + formatter(state, exception) + (exception != null ? " " + exception : ""));
            }
        }
    }
}
