using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Attendance.Portal.Host.Tests;

/// <summary>The server as a process: the users command, HTTPS with a certificate made by openssl, and the plain-HTTP refusal.</summary>
[TestClass]
public class ServerProcessTests
{
    [TestMethod]
    public async Task The_users_command_makes_the_first_administrator_who_can_then_sign_in()
    {
        var folder = Directory.CreateTempSubdirectory("attendance-portal-users-").FullName;
        try
        {
            var added = await ServerProcess.RunAsync(folder, null, "users", "add", "first.admin", "--role", "administrator");
            Assert.AreEqual(0, added.Status, added.Errors);
            var password = Regex.Match(added.Output, @"password \(shown this once[^)]*\): (\S+)").Groups[1].Value;
            Assert.AreEqual(20, password.Length, added.Output);

            var fromInput = await ServerProcess.RunAsync(folder, "a password typed by the operator", "users", "add", "second", "--role", "secretary", "--password-stdin");
            Assert.AreEqual(0, fromInput.Status, fromInput.Errors);
            Assert.IsFalse(fromInput.Output.Contains("password (shown", StringComparison.Ordinal), fromInput.Output);
            var tooShort = await ServerProcess.RunAsync(folder, "short", "users", "add", "third", "--role", "secretary", "--password-stdin");
            Assert.AreEqual(1, tooShort.Status);
            StringAssert.Contains(tooShort.Errors, "at least 12 characters");
            var noCode = await ServerProcess.RunAsync(folder, null, "users", "add", "prof", "--role", "professor");
            Assert.AreEqual(2, noCode.Status);
            var twice = await ServerProcess.RunAsync(folder, null, "users", "add", "first.admin", "--role", "administrator");
            Assert.AreEqual(1, twice.Status);
            var list = await ServerProcess.RunAsync(folder, null, "users", "list");
            StringAssert.Contains(list.Output, "first.admin  administrator");
            StringAssert.Contains(list.Output, "second  secretary");
            StringAssert.Contains(list.Output, "users: 2 accounts");
            Assert.IsFalse(list.Output.Contains(password, StringComparison.Ordinal));
            Assert.AreEqual(0, (await ServerProcess.RunAsync(folder, null, "users", "set-role", "second", "administrator")).Status);
            Assert.AreEqual(0, (await ServerProcess.RunAsync(folder, null, "users", "remove", "second")).Status);
            Assert.AreEqual(1, (await ServerProcess.RunAsync(folder, null, "users", "unlock", "second")).Status);

            await using var server = await ServerProcess.StartAsync(folder);
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = server.PortalAddress };
            var response = await PortalFactory.SignInAsync(client, "first.admin", password);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, server.Output);
            Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/Account/Users")).StatusCode);
            Assert.IsFalse(server.Output.Contains(password, StringComparison.Ordinal), "the password is never logged");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Plain_http_beyond_loopback_is_refused_at_start()
    {
        var folder = Directory.CreateTempSubdirectory("attendance-portal-refused-").FullName;
        try
        {
            var refused = await ServerProcess.RunAsync(folder, null, "--Lookup:Port=0", "--Portal:Port=0", "--Portal:BindAddress=0.0.0.0");

            Assert.AreEqual(1, refused.Status, refused.Output + refused.Errors);
            StringAssert.Contains(refused.Errors, "lookup server: the portal would serve plain HTTP on 0.0.0.0, beyond loopback");
            StringAssert.Contains(refused.Errors, "Lookup:Tls:CertificatePath");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task With_the_lookup_certificate_the_portal_serves_https_with_hsts_and_secure_cookies()
    {
        var folder = Directory.CreateTempSubdirectory("attendance-portal-https-").FullName;
        try
        {
            // A certificate as an operator would make one with openssl (PEM certificate and key).
            await OpenSslAsync(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "portal.key",
                "-out", "portal.crt", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "portal.crt")));

            await using var server = await ServerProcess.StartAsync(folder,
                "--Lookup:Tls:CertificatePath=" + Path.Combine(folder, "portal.crt"), "--Lookup:Tls:KeyPath=" + Path.Combine(folder, "portal.key"));

            Assert.AreEqual("https", server.PortalAddress.Scheme, server.Output);
            using var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                // Trusts exactly this certificate.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented != null && presented.Thumbprint == certificate.Thumbprint,
            };
            using var client = new HttpClient(handler) { BaseAddress = server.PortalAddress };
            var response = await client.GetAsync("/Account/Login");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.AreEqual("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
            var antiforgery = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("attendance.antiforgery=", StringComparison.Ordinal));
            StringAssert.Contains(antiforgery, "secure");
            StringAssert.Contains(antiforgery, "samesite=strict");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task OpenSslAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, "openssl: " + errors);
    }
}
