using System.Diagnostics;
using System.Text;

namespace Attendance.EndToEnd.Tests;

/// <summary>
/// The host terminal's "outbox list" and "outbox resend" commands, run as their own processes on the data folder
/// of a terminal that is running: a roll refused for good (550 to its only recipient) is listed as failed,
/// resent on request, and arrives once, sent by the running terminal.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class OutboxCommandTests
{
    private const string Professor = "P1001";

    [TestMethod]
    public async Task A_roll_refused_for_good_is_listed_and_resent_on_request_while_the_terminal_runs()
    {
        await using var rig = await EndToEndRig.StartAsync();
        rig.Smtp.Control("550-rcpt");
        rig.StartTerminal();
        StringAssert.EndsWith(rig.Swipe(Professor), "roll opened");
        StringAssert.EndsWith(rig.Swipe("A2001"), "accepted");
        var rollId = rig.Close(Professor);
        rig.Terminal.WaitForLog("Roll " + rollId + " failed permanently", EndToEndRig.StepTimeout);

        var (listed, listCode) = RunCommand("outbox", "list", "--data", rig.DataFolder);
        Assert.AreEqual(0, listCode, listed);
        StringAssert.Contains(listed, "1 roll(s) in the outbox");
        StringAssert.Contains(listed, rollId + "  Failed");
        StringAssert.Contains(listed, "code=550");

        // The e-mail was refused; the upload's state depends on the server (stored, or not supported by an older one).
        StringAssert.Contains(listed, "e-mail=waiting  upload=");

        var (resent, resendCode) = RunCommand("outbox", "resend", "--roll", rollId, "--data", rig.DataFolder);
        Assert.AreEqual(0, resendCode, resent);
        StringAssert.Contains(resent, "1 failed roll(s) put back");

        rig.WaitForMessages(1, TimeSpan.FromSeconds(30));
        rig.AssertDeliveredExactlyOnce();
        var (empty, _) = RunCommand("outbox", "list", "--data", rig.DataFolder);
        StringAssert.Contains(empty, "0 roll(s) in the outbox");
    }

    /// <summary>Runs attendance-terminal with <paramref name="arguments"/>; returns what it printed and its exit code.</summary>
    private static (string Output, int ExitCode) RunCommand(params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet) ? "dotnet" : dotnet)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(TerminalProcess.ProgramPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(30000), "the command did not finish");
        return (output + error.Result, process.ExitCode);
    }
}
