using System.Text;
using Attendance.EndToEnd.Tests;
using MimeKit;

namespace Attendance.KillCampaign;

/// <summary>
/// One run of the campaign: a fresh rig, one or two classes, a SIGKILL at the planned moment, optional damage
/// to the data folder, a restart, the rest of the classes, and then the count of what arrived at the SMTP server
/// against what the terminal acknowledged before it was killed.
/// </summary>
public sealed class KillRun
{
    public const string Professor = "P1001";

    /// <summary>How long the restarted terminal gets to empty its outbox.</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    private readonly KillPlan plan;
    private readonly RunResult result;
    private readonly List<TerminalProcess> instances = [];
    private readonly bool[] opened;
    private EndToEndRig rig = null!;
    private SmtpProxy proxy = null!;

    private KillRun(KillPlan plan)
    {
        this.plan = plan;
        result = new RunResult { Plan = plan };
        opened = new bool[plan.Sessions];
    }

    public static async Task<RunResult> ExecuteAsync(KillPlan plan)
    {
        var run = new KillRun(plan);
        await using var rig = await EndToEndRig.StartAsync();
        using var proxy = new SmtpProxy(rig.Smtp.Port, plan.ReplyDelayMilliseconds);
        run.rig = rig;
        run.proxy = proxy;
        try
        {
            run.Execute();
        }
        catch (Exception exception) when (exception is AssertFailedException or InvalidOperationException)
        {
            run.result.StepFailed = true;
            run.result.Notes.Add("step failed: " + FirstLine(exception.Message));
        }

        run.Evaluate();
        if (run.result.Bad || run.result.Notes.Count > 0)
        {
            run.result.Logs = string.Join("\n--- restart ---\n", run.instances.Select(instance => instance.Log));
        }

        return run.result;
    }

    private void Execute()
    {
        // Through the slowing proxy, with a short SMTP timeout so a cut exchange is retried within the run.
        var config = File.ReadAllText(rig.ConfigFile).Replace("smtp.port = " + rig.Smtp.Port, "smtp.port = " + proxy.Port, StringComparison.Ordinal);
        File.WriteAllText(rig.ConfigFile, config + "smtp.timeout-ms = 5000\n", new UTF8Encoding(false));
        if (!StartTerminal())
        {
            return;
        }

        int session = 0;
        for (; session < plan.Sessions && !result.Killed; session++)
        {
            RunClass(session, killHere: session == plan.KillSession);
        }

        if (!result.Killed)
        {
            result.Notes.Add("not killed");
            return;
        }

        // Let the log pipes drain, so every verdict the terminal wrote before dying is counted.
        Thread.Sleep(300);
        result.DamagedFile = DataFolderDamage.Apply(rig.DataFolder, plan.Damage, plan.DamageSeed);
        if (!StartTerminal())
        {
            return;
        }

        var ready = rig.Terminal.LinesContaining("terminal: Ready;")[0];
        if (ready.Contains("roll open", StringComparison.Ordinal))
        {
            // Bytes written before the kill stay in the pty and reach the new process: a closing swipe the killed
            // process never answered closes the restored roll by itself. Only a roll still open after that is
            // closed here (waiting long enough that a late leftover cannot race the swipe below).
            bool leftoverClose = plan.Moment == KillMoment.DuringRecordWrites
                && !instances[0].LinesContaining("Card " + Professor + ": roll closing").Any();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(leftoverClose ? 5 : 0.3);
            while (DateTime.UtcNow < deadline && rig.Terminal.LinesContaining("Card " + Professor + ":").Length == 0)
            {
                Thread.Sleep(25);
            }

            if (rig.Terminal.LinesContaining("Card " + Professor + ":").Length == 0)
            {
                rig.Close(Professor);
            }
            else
            {
                rig.Terminal.WaitForLog(" closed with ", EndToEndRig.StepTimeout);
            }
        }

        else if (ready.Contains("roll closing", StringComparison.Ordinal))
        {
            // Killed between the close record and the hand-over: the restarted terminal hands the roll over first.
            rig.Terminal.WaitForLog(" closed with ", EndToEndRig.StepTimeout);
        }

        for (; session < plan.Sessions; session++)
        {
            RunClass(session, killHere: false);
        }

        WaitForEmptyOutbox();
    }

    private bool StartTerminal()
    {
        try
        {
            StartAndTrack();
            return true;
        }
        catch (AssertFailedException exception)
        {
            result.FailedStartUps++;
            result.Notes.Add("start-up: " + LastErrorLine(exception.Message));
            return false;
        }
    }

    private TerminalProcess StartAndTrack()
    {
        try
        {
            return rig.StartTerminal();
        }
        finally
        {
            // StartTerminal registers the process before waiting for it; keep its log even when it failed.
            try
            {
                if (!instances.Contains(rig.Terminal))
                {
                    instances.Add(rig.Terminal);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private void RunClass(int session, bool killHere)
    {
        var random = new Random(KillPlan.StableSeed(plan.Run, session));
        if (rig.Swipe(Professor).EndsWith("roll opened", StringComparison.Ordinal))
        {
            opened[session] = true;
        }

        for (int i = 0; i < plan.Students[session]; i++)
        {
            var code = plan.StudentCode(session, i);
            if (killHere && plan.Moment == KillMoment.DuringSwipes && i == plan.KillAfterStudent)
            {
                KillAfterWriting(code);
                return;
            }

            rig.Swipe(code);
        }

        if (killHere && plan.Moment == KillMoment.DuringRecordWrites)
        {
            KillAfterWriting(Professor);
            return;
        }

        if (killHere && plan.Moment == KillMoment.DuringSmtp)
        {
            proxy.Arm(plan.SmtpTrigger, fromServer: false, Kill);
        }
        else if (killHere && plan.Moment == KillMoment.RightAfter250)
        {
            proxy.Arm("250 2.0.0 Ok: queued", fromServer: true, () =>
            {
                Thread.Sleep(plan.KillDelayMilliseconds % 11);
                Kill();
            });
        }

        rig.Close(Professor);
        if (killHere && plan.Moment == KillMoment.RightAfterClose)
        {
            Thread.Sleep(plan.KillDelayMilliseconds + random.Next(10));
            Kill();
        }
        else if (killHere)
        {
            if (!proxy.Fired.Wait(TimeSpan.FromSeconds(15)))
            {
                proxy.Disarm();
                result.Notes.Add("SMTP trigger never fired; killed late");
                Kill();
            }
        }
    }

    private void KillAfterWriting(string code)
    {
        rig.Line.WriteFromReader(Encoding.ASCII.GetBytes(code + "\r"));
        Thread.Sleep(plan.KillDelayMilliseconds);
        Kill();
    }

    private void Kill()
    {
        if (!result.Killed)
        {
            result.Killed = true;
            rig.Terminal.Kill();
        }
    }

    private void WaitForEmptyOutbox()
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (rig.OutboxFiles().Length > 0 || rig.Smtp.Messages().Any(message => !File.Exists(Path.ChangeExtension(message, ".rcpt"))))
        {
            if (DateTime.UtcNow > deadline || rig.Terminal.HasExited)
            {
                result.Notes.Add("outbox not empty: " + string.Join(",", rig.OutboxFiles()));
                return;
            }

            Thread.Sleep(50);
        }

        // A resend would come right after the restart; give a late one a moment to land.
        Thread.Sleep(300);
    }

    private void Evaluate()
    {
        var logs = instances.Select(instance => instance.LinesContaining("terminal: ")).ToArray();
        var accepted = logs.SelectMany(lines => lines).Where(line => line.EndsWith(": accepted", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("Card ", StringComparison.Ordinal) + 5)..line.LastIndexOf(':')]).ToHashSet();
        var rollIds = AttributeRollIds(logs);
        var emails = DeliveredEmails();
        for (int s = 0; s < plan.Sessions; s++)
        {
            if (!opened[s])
            {
                continue;
            }

            result.RollsExpected++;
            var prefix = "S" + s + "R" + plan.Run + "N";
            var acknowledged = accepted.Where(code => code.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            result.StudentsAcknowledged += acknowledged.Length;
            var mine = rollIds[s] != null
                ? emails.Where(email => email.MessageId == MessageIdOf(rollIds[s]!)).ToArray()
                : emails.Where(email => email.Codes.Any(code => code.StartsWith(prefix, StringComparison.Ordinal))).ToArray();
            if (mine.Length > 0)
            {
                result.RollsDelivered++;
            }

            int missing = acknowledged.Count(code => !mine.Any(email => email.Codes.Contains(code)));
            if (DamageHit(s, rollIds))
            {
                result.StudentsLostToDamage += missing;
            }
            else
            {
                result.StudentsLost += missing;
            }
        }

        foreach (var group in emails.Select(email => email.MessageId).Concat(rollIds.Where(id => id != null).Select(id => MessageIdOf(id!))).Distinct())
        {
            var copies = emails.Where(email => email.MessageId == group).ToArray();
            var sessions = Enumerable.Range(0, plan.Sessions).Where(s =>
                (rollIds[s] != null && MessageIdOf(rollIds[s]!) == group)
                || copies.Any(email => email.Codes.Any(code => code.StartsWith("S" + s + "R" + plan.Run + "N", StringComparison.Ordinal)))).Count();
            if (sessions > 1)
            {
                result.SharedMessageIds++;
            }

            int distinctContents = copies.Select(email => string.Join(",", email.Codes.Order(StringComparer.Ordinal))).Distinct().Count();
            result.Duplicates += copies.Length - distinctContents;
        }
    }

    /// <summary>
    /// The roll id of each class, from the "Roll … closed with" lines in order. The killed class closes in the
    /// second instance only if its roll came back (journal intact): otherwise it has no id and its students can
    /// only be found by their codes.
    /// </summary>
    private string?[] AttributeRollIds(string[][] logs)
    {
        var closes = new Queue<string>(logs.SelectMany(lines => lines).Where(line => line.Contains(" closed with ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("Roll ", StringComparison.Ordinal) + 5)..line.IndexOf(" closed with ", StringComparison.Ordinal)]));
        int closedBeforeKill = logs.Length > 0 ? logs[0].Count(line => line.Contains(" closed with ", StringComparison.Ordinal)) : 0;
        var ready = logs.Length > 1 ? logs[1].FirstOrDefault(line => line.Contains("Ready;", StringComparison.Ordinal)) ?? "" : "";
        bool restored = ready.Contains("roll open", StringComparison.Ordinal) || ready.Contains("roll closing", StringComparison.Ordinal);
        var ids = new string?[plan.Sessions];
        for (int s = 0; s < plan.Sessions; s++)
        {
            bool lostWithJournal = result.Killed && s == plan.KillSession && closedBeforeKill <= s && !restored;
            ids[s] = opened[s] && !lostWithJournal && closes.Count > 0 ? closes.Dequeue() : null;
        }

        return ids;
    }

    /// <summary>Damage counts against a class when it hit the journal while that class's roll was in it, or one of its outbox records.</summary>
    private bool DamageHit(int session, string?[] rollIds)
    {
        if (result.DamagedFile == null || result.DamagedFile.EndsWith(".partial", StringComparison.Ordinal))
        {
            return false;
        }

        var name = Path.GetFileName(result.DamagedFile);
        if (name.Contains("journal", StringComparison.Ordinal))
        {
            int closedBeforeKill = instances.Count > 0 ? instances[0].LinesContaining(" closed with ").Length : 0;
            return session == plan.KillSession && closedBeforeKill <= session;
        }

        return rollIds[session] != null && name.Contains(rollIds[session]!, StringComparison.Ordinal);
    }

    private static string MessageIdOf(string rollId) => "roll." + rollId + "@example.edu";

    private sealed record Email(string MessageId, HashSet<string> Codes);

    private Email[] DeliveredEmails() =>
        rig.Smtp.Messages().Where(path => File.Exists(Path.ChangeExtension(path, ".rcpt"))).Select(path =>
        {
            var message = MimeMessage.Load(path);
            return new Email(message.MessageId ?? "", CsvCodes(message));
        }).ToArray();

    /// <summary>The student codes in the CSV attachment (first column after the header).</summary>
    private static HashSet<string> CsvCodes(MimeMessage message)
    {
        var attachment = message.Attachments.OfType<MimePart>().FirstOrDefault();
        if (attachment?.Content == null)
        {
            return [];
        }

        using var content = new MemoryStream();
        attachment.Content.DecodeTo(content);
        var text = Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF');
        return text.ReplaceLineEndings("\n").Split('\n').Skip(1).Where(line => line.Length > 0).Select(line => line.Split(';')[0]).ToHashSet();
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string LastErrorLine(string text) =>
        text.Split('\n').LastOrDefault(line => line.Contains("rror", StringComparison.Ordinal) || line.Contains("xception", StringComparison.Ordinal)) ?? FirstLine(text);
}
