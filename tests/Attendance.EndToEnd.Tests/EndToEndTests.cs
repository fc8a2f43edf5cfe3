namespace Attendance.EndToEnd.Tests;

/// <summary>
/// Issue 7: the host terminal as a process on a socat serial line, the real lookup server on SQLite and a real
/// SMTP server, all on loopback. Each test makes swipes, waits for what the terminal logs, and compares the one
/// e-mail that must arrive (parsed with MimeKit) with those swipes, then checks that the outbox is empty and no
/// second copy arrives. The tests run one after another: each starts its own processes, but together they would
/// only compete for the two cores of a CI machine.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class EndToEndTests
{
    private const string Professor = "P1001";

    /// <summary>A well-formed code the lookup server does not know.</summary>
    private const string UnknownCard = "ZZ9999";

    /// <summary>Noise on the line: an escape byte and a non-ASCII byte inside a CR-terminated read.</summary>
    private static readonly byte[] GarbledRead = [0x41, 0x32, 0x1B, 0xFF, 0x30, 0x0D];

    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private static readonly string RedOnly = TerminalProcess.LightState(red: true, green: false);

    private static readonly string GreenOnly = TerminalProcess.LightState(red: false, green: true);

    private static readonly string Both = TerminalProcess.LightState(red: true, green: true);

    [TestMethod]
    public async Task A_normal_class_arrives_as_one_email_listing_every_student_once()
    {
        await using var rig = await EndToEndRig.StartAsync();
        var terminal = rig.StartTerminal();
        terminal.WaitForLights(RedOnly, EndToEndRig.StepTimeout);

        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        terminal.WaitForLights(GreenOnly, EndToEndRig.StepTimeout);
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2002"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2003"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2001"), "duplicate");
        StringAssert.EndsWith(rig.Swipe(UnknownCard), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");
        StringAssert.Contains(rig.SwipeGarbled(GarbledRead), "Bad read");
        var rollId = rig.Close(Professor);

        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2001", Expected.Enrolled),
            new("A2002", Expected.Enrolled),
            new("A2003", Expected.Enrolled),
            new(UnknownCard, Expected.UnknownStudent),
            new("A2004", Expected.NotEnrolled),
        ], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
    }

    [TestMethod]
    public async Task A_terminal_listing_a_dead_lookup_server_first_opens_and_closes_through_the_second()
    {
        await using var rig = await EndToEndRig.StartAsync();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // The host terminal reads the same terminal.config as the board: two servers, the first refusing connections.
        var lines = File.ReadAllLines(rig.ConfigFile).Select(line => line.StartsWith("lookup.host ", StringComparison.Ordinal)
            ? "lookup.host = 127.0.0.1:" + deadPort + ", 127.0.0.1" : line);
        File.WriteAllText(rig.ConfigFile, string.Join("\n", lines) + "\n", new System.Text.UTF8Encoding(false));
        var terminal = rig.StartTerminal();
        terminal.WaitForLights(RedOnly, EndToEndRig.StepTimeout);

        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");
        var rollId = rig.Close(Professor);

        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2001", Expected.Enrolled),
            new("A2004", Expected.NotEnrolled),
        ], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
    }

    [TestMethod]
    public async Task A_roll_closed_while_the_lookup_server_is_down_waits_and_is_sent_once_when_it_is_back()
    {
        await using var rig = await EndToEndRig.StartAsync();
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2002"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");

        await rig.Lookup.StopAsync();
        // Closing needs no server: the terminal compares the card with the professor who opened the roll.
        var rollId = rig.Close(Professor);
        rig.Terminal.WaitForLog("Roll " + rollId + ": Lookup failed", EndToEndRig.StepTimeout);
        // "Both lights, twice": the server could not be reached.
        rig.Terminal.WaitForLights(Both, EndToEndRig.StepTimeout);
        // It keeps waiting while the server stays down: a second failed attempt (the retry is due after 1 s and the
        // idle controller looks at the outbox every 5 s), and nothing is sent.
        rig.Terminal.WaitForLog("Roll " + rollId + ": Lookup failed", EndToEndRig.StepTimeout, seenBefore: 1);
        Assert.AreEqual(0, rig.Smtp.Messages().Length, "nothing may be sent before the lookup");
        Assert.AreNotEqual(0, rig.OutboxFiles().Length, "the roll must wait in the outbox");

        await rig.Lookup.StartAsync();
        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2002", Expected.Enrolled),
            new("A2004", Expected.NotEnrolled),
        ], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
    }

    [TestMethod]
    public async Task A_temporary_smtp_refusal_is_retried_and_the_email_arrives_once()
    {
        await using var rig = await EndToEndRig.StartAsync();
        rig.Smtp.Control("451-mail");
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2003"), "accepted");
        var rollId = rig.Close(Professor);

        var refusal = rig.Terminal.WaitForLog("Roll " + rollId + ": ", EndToEndRig.StepTimeout);
        StringAssert.Contains(refusal, "451");
        StringAssert.Contains(refusal, "Next attempt in 1 s");
        // "Both lights for a second and a half": kept, will be sent later.
        rig.Terminal.WaitForLights(Both, EndToEndRig.StepTimeout);
        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2001", Expected.Enrolled),
            new("A2003", Expected.Enrolled),
        ], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
    }

    [TestMethod]
    public async Task A_terminal_killed_with_a_roll_open_restores_it_and_sends_it_once_with_every_swipe()
    {
        await using var rig = await EndToEndRig.StartAsync();
        var first = rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        StringAssert.EndsWith(rig.Swipe("A2004"), "accepted");

        first.Kill();
        var second = rig.StartTerminal();
        StringAssert.Contains(second.WaitForLog("terminal: Ready;", EndToEndRig.StepTimeout), "roll open");
        second.WaitForLights(GreenOnly, EndToEndRig.StepTimeout);
        // The journal came back: a student swiped before the kill is a duplicate now, not a new entry.
        StringAssert.EndsWith(rig.Swipe("A2001"), "duplicate");
        StringAssert.EndsWith(rig.Swipe("A2002"), "accepted");
        StringAssert.EndsWith(rig.Swipe(UnknownCard), "accepted");
        var rollId = rig.Close(Professor);

        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor,
        [
            new("A2001", Expected.Enrolled),
            new("A2004", Expected.NotEnrolled),
            new("A2002", Expected.Enrolled),
            new(UnknownCard, Expected.UnknownStudent),
        ], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
        Assert.AreEqual(0, first.LinesContaining("accepted by the mail server").Length);
    }

    [TestMethod]
    public async Task A_roll_waiting_in_the_outbox_survives_a_kill_and_is_sent_once_after_the_restart()
    {
        await using var rig = await EndToEndRig.StartAsync();
        var first = rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2003"), "accepted");
        await rig.Lookup.StopAsync();
        var rollId = rig.Close(Professor);
        first.WaitForLog("Roll " + rollId + ": Lookup failed", EndToEndRig.StepTimeout);

        first.Kill();
        await rig.Lookup.StartAsync();
        var second = rig.StartTerminal();
        StringAssert.Contains(second.WaitForLog("terminal: Ready;", EndToEndRig.StepTimeout), "roll closed, 1 e-mail(s) in the outbox");

        var message = rig.WaitForMessages(1, DeliveryTimeout).Single();
        DeliveredRoll.Load(message).AssertMatches(rollId, Professor, [new("A2003", Expected.Enrolled)], rig.AcceptedSwipes);
        rig.AssertDeliveredExactlyOnce();
    }
}
