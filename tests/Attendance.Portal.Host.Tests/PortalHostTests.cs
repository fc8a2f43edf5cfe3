using System.Net;
using Attendance.Portal.Accounts;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.Portal.Host.Tests;

/// <summary>Accounts, sign-in, lockout, anti-forgery, headers and roles, through the lookup server's Program (in memory).</summary>
[TestClass]
public class PortalHostTests
{
    private static PortalFactory _factory = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _factory = new PortalFactory();
        await _factory.AddUserAsync("ana.admin", PortalRoles.Administrator);
        await _factory.AddUserAsync("sara.secretaria", PortalRoles.Secretary);
        await _factory.AddUserAsync("paulo.professor", PortalRoles.Professor, "P1001");
    }

    [ClassCleanup]
    public static void Stop() => _factory.Dispose();

    [TestMethod]
    public async Task A_page_without_a_session_sends_to_the_sign_in_page()
    {
        using var client = _factory.NewClient();

        var response = await client.GetAsync("/");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.OriginalString, "http://localhost/Account/Login?ReturnUrl=%2F");
    }

    [TestMethod]
    public async Task Signing_in_sets_an_http_only_lax_cookie_and_returns_to_the_local_page_asked_for()
    {
        using var client = _factory.NewClient();

        var response = await PortalFactory.SignInAsync(client, "ana.admin", PortalFactory.Password, "/Account/Users");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual("/Account/Users", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("attendance.portal=", StringComparison.Ordinal));
        StringAssert.Contains(cookie, "httponly");
        StringAssert.Contains(cookie, "samesite=lax");
        var users = await client.GetAsync("/Account/Users");
        Assert.AreEqual(HttpStatusCode.OK, users.StatusCode);
        StringAssert.Contains(await users.Content.ReadAsStringAsync(), "paulo.professor");
    }

    [TestMethod]
    public async Task A_return_address_on_another_site_is_not_followed()
    {
        using var client = _factory.NewClient();

        var response = await PortalFactory.SignInAsync(client, "ana.admin", PortalFactory.Password, "https://evil.example/");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual("/", response.Headers.Location!.OriginalString);
    }

    [TestMethod]
    public async Task A_wrong_password_is_refused_and_the_log_counts_it_without_the_name_tried()
    {
        using var client = _factory.NewClient();

        var response = await PortalFactory.SignInAsync(client, "sara.secretaria", "not the password at all");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsFalse(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("attendance.portal=", StringComparison.Ordinal)));
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "Utilizador ou palavra-passe errados.");
        var lines = _factory.Logs.Lines;
        Assert.IsTrue(lines.Any(line => line.Contains("Portal sign-in failed", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsFalse(lines.Any(line => line.Contains("sara.secretaria", StringComparison.OrdinalIgnoreCase)), string.Join("\n", lines));
        Assert.IsFalse(lines.Any(line => line.Contains("not the password", StringComparison.Ordinal)));
        await ResetFailuresAsync("sara.secretaria");
    }

    [TestMethod]
    public async Task An_unknown_name_is_answered_as_a_wrong_password()
    {
        using var client = _factory.NewClient();

        var response = await PortalFactory.SignInAsync(client, "nobody.here", PortalFactory.Password);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "Utilizador ou palavra-passe errados.");
        Assert.IsFalse(_factory.Logs.Lines.Any(line => line.Contains("nobody.here", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password_until_unlocked()
    {
        await _factory.AddUserAsync("lock.me", PortalRoles.Secretary);
        using var client = _factory.NewClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await PortalFactory.SignInAsync(client, "lock.me", "wrong password number " + attempt);
            StringAssert.Contains(await failed.Content.ReadAsStringAsync(), attempt < 5 ? "errados" : "bloqueada");
        }

        var locked = await PortalFactory.SignInAsync(client, "lock.me", PortalFactory.Password);

        Assert.AreEqual(HttpStatusCode.OK, locked.StatusCode, "the right password does not open a locked account");
        StringAssert.Contains(await locked.Content.ReadAsStringAsync(), "bloqueada");
        var user = await _factory.FindUserAsync("lock.me");
        Assert.IsTrue(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), "locked for 15 minutes: " + user.LockoutEnd);
        Assert.IsTrue(user.LockoutEnd <= DateTimeOffset.UtcNow.AddMinutes(15));

        // An administrator unlocks it from the accounts page (a POST with the page's token).
        using var admin = _factory.NewClient();
        await PortalFactory.SignInAsync(admin, "ana.admin", PortalFactory.Password);
        var token = await PortalFactory.FormTokenAsync(admin, "/Account/Users");
        var unlock = await admin.PostAsync("/Account/Users?handler=Unlock",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = user.Id, ["__RequestVerificationToken"] = token }));
        Assert.AreEqual(HttpStatusCode.OK, unlock.StatusCode);

        var after = await PortalFactory.SignInAsync(client, "lock.me", PortalFactory.Password);
        Assert.AreEqual(HttpStatusCode.Redirect, after.StatusCode);
    }

    [TestMethod]
    [DataRow("/Account/Login")]
    [DataRow("/Account/Logout")]
    public async Task A_post_without_the_anti_forgery_token_is_refused(string path)
    {
        using var client = _factory.NewClient();
        await client.GetAsync("/Account/Login");

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "ana.admin",
            ["Password"] = PortalFactory.Password,
        }));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsFalse(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("attendance.portal=", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Every_response_carries_the_security_headers()
    {
        using var client = _factory.NewClient();
        foreach (var path in new[] { "/Account/Login", "/", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            var headers = response.Headers;
            Assert.AreEqual("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'", headers.GetValues("Content-Security-Policy").Single(), path);
            Assert.AreEqual("nosniff", headers.GetValues("X-Content-Type-Options").Single(), path);
            Assert.AreEqual("DENY", headers.GetValues("X-Frame-Options").Single(), path);
            Assert.AreEqual("no-referrer", headers.GetValues("Referrer-Policy").Single(), path);
            Assert.IsTrue(headers.CacheControl?.NoStore == true, path);
            Assert.IsFalse(headers.Contains("Strict-Transport-Security"), "HSTS only on HTTPS: " + path);
            Assert.IsFalse(headers.Contains("Server"), path);
        }
    }

    [TestMethod]
    [DataRow("sara.secretaria")]
    [DataRow("paulo.professor")]
    public async Task The_accounts_page_is_for_administrators_only(string name)
    {
        using var client = _factory.NewClient();
        Assert.AreEqual(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, name, PortalFactory.Password)).StatusCode);

        var response = await client.GetAsync("/Account/Users");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.OriginalString, "http://localhost/Account/AccessDenied");
        var denied = await client.GetAsync(response.Headers.Location);
        Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [TestMethod]
    public async Task A_professor_account_signs_in_with_its_role_and_professor_code_and_sees_only_its_own_scope()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();

        var professor = await claims.CreateAsync((await users.FindByNameAsync("paulo.professor"))!);
        var secretary = await claims.CreateAsync((await users.FindByNameAsync("sara.secretaria"))!);

        Assert.IsTrue(professor.IsInRole(PortalRoles.Professor));
        Assert.AreEqual("P1001", professor.FindFirst(PortalClaims.ProfessorCode)?.Value);
        Assert.AreEqual(PortalScope.ForProfessor("P1001"), PortalScope.FromUser(professor));
        Assert.AreEqual(PortalScope.All, PortalScope.FromUser(secretary));
        Assert.IsNull(secretary.FindFirst(PortalClaims.ProfessorCode));
    }

    [TestMethod]
    public async Task Signing_out_ends_the_session()
    {
        using var client = _factory.NewClient();
        await PortalFactory.SignInAsync(client, "ana.admin", PortalFactory.Password);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/Account/Users")).StatusCode);

        var token = await PortalFactory.FormTokenAsync(client, "/Account/Logout");
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual(HttpStatusCode.Redirect, (await client.GetAsync("/Account/Users")).StatusCode);
    }

    [TestMethod]
    public async Task Request_addresses_with_personal_data_are_not_logged()
    {
        using var client = _factory.NewClient();
        await PortalFactory.SignInAsync(client, "ana.admin", PortalFactory.Password);

        await client.GetAsync("/Account/Users?student=A2001-Ines-Goncalves");

        var lines = _factory.Logs.Lines;
        Assert.IsFalse(lines.Any(line => line.Contains("A2001", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsFalse(lines.Any(line => line.Contains("ana.admin", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    private static async Task ResetFailuresAsync(string name)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await users.ResetAccessFailedCountAsync((await users.FindByNameAsync(name))!);
    }
}
