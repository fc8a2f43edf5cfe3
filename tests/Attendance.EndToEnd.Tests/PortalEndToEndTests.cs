using System.Net;
using System.Text.RegularExpressions;
using Attendance.Portal.Accounts;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// Issue 14, end to end: a roll swiped through the host terminal on the serial line, uploaded at close, is in the
/// portal (the real lookup server's, signed in through its form) with the statuses of the e-mail; a roll whose
/// first upload failed (the server down at close) is there exactly once after the retry.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PortalEndToEndTests
{
    private const string Professor = "P1001";
    private const string UnknownCard = "ZZ9999";
    private const string Password = "an end-to-end password";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_roll_swiped_at_the_terminal_is_in_the_portal_with_the_emails_statuses()
    {
        await using var rig = await EndToEndRig.StartAsync();
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2002"), "accepted");
        StringAssert.EndsWith(rig.Swipe(UnknownCard), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");
        var rollId = rig.Close(Professor);
        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2001", Expected.Enrolled),
            new("A2002", Expected.Enrolled),
            new(UnknownCard, Expected.UnknownStudent),
            new("A2004", Expected.NotEnrolled),
        ], rig.AcceptedSwipes);

        var stored = await StoredRollAsync(rig, rollId);
        CollectionAssert.AreEqual(new[] { "A2001", "A2002", UnknownCard, "A2004" }, stored.Presences.Select(p => p.StudentCode).ToArray());
        CollectionAssert.AreEqual(new[] { PresenceStatus.Enrolled, PresenceStatus.Enrolled, PresenceStatus.UnknownStudent, PresenceStatus.NotEnrolled },
            stored.Presences.Select(p => p.Status).ToArray());

        // The roll's page, as a secretary opens it in the portal.
        using var client = await SignedInClientAsync(rig);
        var page = await client.GetAsync("/Rolls/Detail/" + stored.Summary.RollKey);
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var code in new[] { "A2001", "A2002", UnknownCard, "A2004" })
        {
            StringAssert.Contains(html, code);
        }

        StringAssert.Contains(html, stored.VerificationCode[..4], "the verification code is shown");
    }

    [TestMethod]
    public async Task A_roll_whose_upload_failed_is_in_the_portal_once_after_the_retry()
    {
        await using var rig = await EndToEndRig.StartAsync();
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2003"), "accepted");
        await rig.Lookup.StopAsync();
        var rollId = rig.Close(Professor);
        rig.Terminal.WaitForLog("Roll " + rollId + ": Lookup failed", EndToEndRig.StepTimeout);

        await rig.Lookup.StartAsync();
        rig.WaitForMessages(1, DeliveryTimeout);
        var stored = await StoredRollAsync(rig, rollId);
        Assert.AreEqual("A2003", stored.Presences.Single().StudentCode);
        // Later passes of the outbox must not store it again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rolls = await rig.Lookup.Services.GetRequiredService<IRollArchive>().SearchRollsAsync(new RollSearch(), PortalScope.All, CancellationToken.None);
        Assert.AreEqual(1, rolls.TotalCount);
        rig.AssertDeliveredExactlyOnce();
    }

    /// <summary>The roll as the portal's archive has it, waiting for the upload (it completes on its own, beside the e-mail).</summary>
    private static async Task<RollDetail> StoredRollAsync(EndToEndRig rig, string rollId)
    {
        var archive = rig.Lookup.Services.GetRequiredService<IRollArchive>();
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (true)
        {
            var found = (await archive.SearchRollsAsync(new RollSearch(), PortalScope.All, CancellationToken.None)).Rolls.Where(roll => roll.RollId == rollId).ToList();
            if (found.Count > 0)
            {
                Assert.AreEqual(1, found.Count, "the roll is stored once");
                return (await archive.GetRollAsync(found[0].RollKey, PortalScope.All, CancellationToken.None))!;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "roll " + rollId + " did not reach the server's archive in " + DeliveryTimeout.TotalSeconds + " s:\n" + rig.Terminal.Log);
            await Task.Delay(200);
        }
    }

    private static async Task<HttpClient> SignedInClientAsync(EndToEndRig rig)
    {
        await using (var scope = rig.Lookup.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var created = await users.CreateAsync(new PortalUser { UserName = "secretary", Role = PortalRoles.Secretary }, Password);
            Assert.IsTrue(created.Succeeded, string.Join("; ", created.Errors.Select(error => error.Description)));
        }

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = rig.Lookup.PortalAddress };
        var form = await (await client.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "secretary",
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode, "sign-in");
        return client;
    }
}
