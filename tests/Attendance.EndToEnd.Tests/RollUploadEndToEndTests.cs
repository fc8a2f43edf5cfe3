using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// Issue 14 end to end: a class swiped through the host terminal on the serial line reaches the server's roll
/// archive, which is what the portal's pages read (IRollArchive from the running server), with the statuses and
/// the verification code of the e-mail; and a first upload cut after the server stored it (the terminal never
/// hears the answer) is retried and leaves the roll stored exactly once.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class RollUploadEndToEndTests
{
    private const string Professor = "P1001";

    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_class_on_the_serial_line_is_stored_once_with_the_emails_statuses_when_its_first_upload_is_cut()
    {
        await using var rig = await EndToEndRig.StartAsync();
        using var proxy = new SwitchableTcpService(rig.Lookup.Port);
        proxy.CutOnceAt(System.Text.Encoding.ASCII.GetBytes("CHAMADAGUARDADA|"));
        var lines = File.ReadAllLines(rig.ConfigFile).Select(line => line.StartsWith("lookup.port ", StringComparison.Ordinal)
            ? "lookup.port = " + proxy.Port : line);
        File.WriteAllText(rig.ConfigFile, string.Join("\n", lines) + "\n", new System.Text.UTF8Encoding(false));
        var terminal = rig.StartTerminal();
        terminal.WaitForLights(TerminalProcess.LightState(red: true, green: false), EndToEndRig.StepTimeout);

        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2002"), "accepted");
        StringAssert.EndsWith(rig.Swipe("ZZ9999"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");
        var rollId = rig.Close(Professor);
        ExpectedStudent[] students =
        [
            new("A2001", Expected.Enrolled),
            new("A2002", Expected.Enrolled),
            new("ZZ9999", Expected.UnknownStudent),
            new("A2004", Expected.NotEnrolled),
        ];

        var delivered = DeliveredRoll.Load(rig.WaitForMessages(1, DeliveryTimeout).Single());
        delivered.AssertMatches(rollId, Professor, students, rig.AcceptedSwipes);
        // The outbox empties only once the server stored the roll and the mail server took the e-mail.
        rig.AssertDeliveredExactlyOnce();
        Assert.AreEqual(1, proxy.Cuts, "the first upload was cut after the server stored it. Log:\n" + terminal.Log);

        var archive = rig.Lookup.Services.GetRequiredService<IRollArchive>();
        var page = await archive.SearchRollsAsync(new RollSearch(), PortalScope.All, CancellationToken.None);
        Assert.AreEqual(1, page.TotalCount, "rolls stored: " + string.Join(", ", page.Rolls.Select(roll => roll.RollId)));
        var summary = page.Rolls.Single();
        Assert.AreEqual(rollId, summary.RollId);
        Assert.AreEqual(Professor, summary.ProfessorCode);
        Assert.AreEqual(students.Length, summary.PresentCount);

        var detail = await archive.GetRollAsync(summary.RollKey, PortalScope.All, CancellationToken.None)
            ?? throw new AssertFailedException("the stored roll cannot be opened");
        CollectionAssert.AreEqual(students.Select(student => student.Code).ToArray(), detail.Presences.Select(presence => presence.StudentCode).ToArray());
        var body = (delivered.Message.TextBody ?? "").ReplaceLineEndings("\n").Split('\n');
        foreach (var (student, presence) in students.Zip(detail.Presences))
        {
            var expected = student.Status switch
            {
                Expected.Enrolled => PresenceStatus.Enrolled,
                Expected.NotEnrolled => PresenceStatus.NotEnrolled,
                _ => PresenceStatus.UnknownStudent,
            };
            Assert.AreEqual(expected, presence.Status, student.Code);
            Assert.AreEqual(student.Name, presence.StudentName, student.Code);
            var (notBefore, notAfter) = rig.AcceptedSwipes[student.Code];
            Assert.IsTrue(presence.FirstSwipeUtc >= notBefore.AddTicks(-(notBefore.Ticks % TimeSpan.TicksPerSecond)) && presence.FirstSwipeUtc <= notAfter,
                student.Code + " swiped between " + notBefore.ToString("O") + " and " + notAfter.ToString("O") + ", stored " + presence.FirstSwipeUtc.ToString("O"));
            // Late on the server exactly when the e-mail says so.
            var line = body.Single(text => System.Text.RegularExpressions.Regex.IsMatch(text, @"^\s*\d+\.\s+" + student.Code + @"\s"));
            Assert.AreEqual(line.Contains("ATRASADO", StringComparison.Ordinal), presence.Late, line);
        }

        var code = delivered.Message.Headers["X-Attendance-Verification"] ?? throw new AssertFailedException("no verification header");
        Assert.AreEqual(code.Trim(), detail.VerificationCode);
        var verified = await archive.VerifyAsync(code.Trim().Replace("-", "", StringComparison.Ordinal), PortalScope.All, CancellationToken.None);
        Assert.AreEqual(VerificationOutcome.Authentic, verified.Outcome);
    }
}
