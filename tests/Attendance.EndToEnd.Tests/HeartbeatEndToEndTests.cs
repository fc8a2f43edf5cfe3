using System.Net;
using System.Text.RegularExpressions;
using Attendance.Portal.Accounts;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// Issue 13, end to end: the host terminal's heartbeat reports a roll whose e-mail failed for good (550 to its
/// only recipient); an administrator asks for a re-send on the portal's terminal page (the form, with its
/// anti-forgery token); the terminal gets the request with its next heartbeat, puts the roll back, acknowledges
/// the request, and the e-mail arrives exactly once.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class HeartbeatEndToEndTests
{
    private const string Professor = "P1001";
    private const string Password = "an end-to-end password";
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(40);

    [TestMethod]
    public async Task An_email_failed_for_good_is_resent_from_the_portal_and_delivered_once()
    {
        await using var rig = await EndToEndRig.StartAsync(true, "health.interval-seconds = 10");
        rig.Smtp.Control("550-rcpt");
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        var rollId = rig.Close(Professor);
        rig.Terminal.WaitForLog("Roll " + rollId + " failed permanently", EndToEndRig.StepTimeout);

        // A heartbeat after the failure lists the roll: the terminal page offers its re-send.
        var fleet = rig.Lookup.Services.GetRequiredService<ITerminalFleet>();
        var reported = await WaitForAsync(fleet, detail => detail.Terminal.Latest?.FailedRolls.Any(roll => roll.RollId == rollId) == true);
        Assert.AreEqual(1, reported.Terminal.Latest!.OutboxFailed);
        Assert.AreEqual("pc", reported.Terminal.Latest.Board);
        Assert.IsFalse(reported.Terminal.Latest.LogLines.Any(line => line.Text.Contains("@", StringComparison.Ordinal)), "no address in the report");

        using var client = await SignedInAdministratorAsync(rig);
        var page = await client.GetStringAsync("/Terminals/Detail?id=" + Attendance.LookupServer.Storage.SampleData.DemoTerminalId);
        StringAssert.Contains(page, rollId);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var filed = await client.PostAsync("/Terminals/Detail?id=" + Attendance.LookupServer.Storage.SampleData.DemoTerminalId + "&handler=Resend",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["rollId"] = rollId, ["__RequestVerificationToken"] = token }));
        Assert.AreEqual(HttpStatusCode.OK, filed.StatusCode);

        // The next heartbeat carries the request: the roll is sent (the SMTP server accepts from now on) and the
        // request is acknowledged.
        rig.Terminal.WaitForLog("resent on request", HeartbeatTimeout);
        rig.WaitForMessages(1, HeartbeatTimeout);
        rig.AssertDeliveredExactlyOnce();
        var acknowledged = await WaitForAsync(fleet, detail => detail.Requests.Any(request => request.Argument == rollId && request.AcknowledgedUtc != null));
        Assert.AreEqual("feito", acknowledged.Requests.Single(request => request.Argument == rollId).Outcome);
        var after = await WaitForAsync(fleet, detail => detail.Terminal.Latest?.OutboxFailed == 0);
        Assert.AreEqual(0, after.Terminal.Latest!.FailedRolls.Count);
        Assert.AreEqual(1, rig.Smtp.Messages().Length, "delivered once, not again with a later heartbeat");
    }

    private static async Task<TerminalDetail> WaitForAsync(ITerminalFleet fleet, Func<TerminalDetail, bool> condition)
    {
        var deadline = DateTime.UtcNow + HeartbeatTimeout;
        while (true)
        {
            var detail = await fleet.GetTerminalAsync(Attendance.LookupServer.Storage.SampleData.DemoTerminalId, CancellationToken.None);
            if (detail != null && condition(detail))
            {
                return detail;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "the heartbeat did not show it within " + HeartbeatTimeout);
            await Task.Delay(200);
        }
    }

    private static async Task<HttpClient> SignedInAdministratorAsync(EndToEndRig rig)
    {
        await using (var scope = rig.Lookup.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var created = await users.CreateAsync(new PortalUser { UserName = "admin", Role = PortalRoles.Administrator }, Password);
            Assert.IsTrue(created.Succeeded, string.Join("; ", created.Errors.Select(error => error.Description)));
        }

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = rig.Lookup.PortalAddress };
        var form = await (await client.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
