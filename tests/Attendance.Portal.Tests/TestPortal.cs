using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Attendance.Portal.Tests;

/// <summary>
/// A minimal host of the portal's pages: the same two calls a real host makes
/// (AddAttendancePortalPages/MapAttendancePortalPages), an in-memory archive, and a test sign-in that takes the
/// user from a request header instead of Identity's cookie, so each request can be any role.
/// </summary>
public sealed class TestPortal : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestPortal(WebApplication app, FakeRollArchive archive, FakeTerminalSettings settings, LogCapture logs)
    {
        this.app = app;
        Archive = archive;
        Settings = settings;
        Logs = logs;
    }

    public FakeRollArchive Archive { get; }

    /// <summary>The terminal settings the Settings page edits.</summary>
    public FakeTerminalSettings Settings { get; }

    /// <summary>Every log message the host wrote, at every level (for the no-personal-data-in-logs test).</summary>
    public LogCapture Logs { get; }

    public static async Task<TestPortal> StartAsync(Action<PortalOptions>? configure = null)
    {
        var logs = new LogCapture();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        var archive = new FakeRollArchive();
        builder.Services.AddSingleton<IRollArchive>(archive);
        var settings = new FakeTerminalSettings();
        builder.Services.AddSingleton<ITerminalSettingsAdmin>(settings);
        builder.Services.AddAuthentication(TestSignIn.SchemeName).AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddAttendancePortalPages();

        // Times in UTC so expected texts do not depend on the machine's zone.
        builder.Services.Configure<PortalOptions>(options =>
        {
            options.TimeZoneId = "UTC";
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAttendancePortalPages();
        await app.StartAsync();
        return new TestPortal(app, archive, settings, logs);
    }

    /// <summary>A browser-like client (keeps cookies) for a user: "secretary", "professor:CODE", "professor", or null for anonymous.</summary>
    public PortalClient Client(string? user, string? acceptLanguage = null)
    {
        var client = new HttpClient(new CookieHandler(app.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestSignIn.Header, user);
        }

        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        }

        return new PortalClient(client);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Redirects are not followed, like a test wants to see them; cookies are kept like a browser.</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, cookie);
                }
            }

            return response;
        }
    }
}

/// <summary>Keeps every message of every category and level, with its scope-free formatted text.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> messages = new();

    public IReadOnlyCollection<string> Messages => messages;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Signs in whoever the X-Test-User header names; no header, no user (the pages then challenge: 401).</summary>
public sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[Header].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = user.Split(':');
        var claims = new List<Claim> { new(ClaimTypes.Name, "test-" + parts[0]), new(ClaimTypes.Role, parts[0]) };
        if (parts.Length > 1)
        {
            claims.Add(new Claim(PortalClaims.ProfessorCode, parts[1]));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

/// <summary>GETs and form POSTs the way a browser without JavaScript makes them, anti-forgery token included.</summary>
public sealed partial class PortalClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        var response = await http.GetAsync(url);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, url);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="formPage"/>, takes the token of its form, and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", await TokenAsync(formPage)));
        }

        return await http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, string action, MultipartFormDataContent content)
    {
        content.Add(new StringContent(await TokenAsync(formPage)), "__RequestVerificationToken");
        return await http.PostAsync(action, content);
    }

    public async Task<string> TokenAsync(string formPage)
    {
        var html = await GetPageAsync(formPage);
        var match = TokenField().Match(html);
        Assert.IsTrue(match.Success, "no anti-forgery token on " + formPage);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
