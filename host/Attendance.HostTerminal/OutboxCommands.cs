using System.CommandLine;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Host.Adapters;

namespace Attendance.HostTerminal;

/// <summary>
/// "outbox list" and "outbox resend": look at a terminal's outbox and put failed rolls back for one more attempt.
/// They work on the data folder directly, also while the terminal runs on it: they only read records and
/// rewrite state records whole (an atomic replace), and the running outbox reads the state afresh on each pass.
/// </summary>
public static class OutboxCommands
{
    public static Command Create()
    {
        var dataOption = new Option<DirectoryInfo>("--data", "-d")
        {
            Description = "The terminal's data folder (as given to the terminal with --data)",
            DefaultValueFactory = _ => new DirectoryInfo("terminal-data"),
        };
        var rollOption = new Option<string?>("--roll", "-r") { Description = "Only this roll (its RollId); without it, every failed roll" };

        var list = new Command("list", "Lists the rolls in the outbox with their state, and damaged records set aside") { dataOption };
        list.SetAction(parseResult => List(parseResult.GetValue(dataOption)!, Console.Out));

        var resend = new Command("resend", "Puts rolls that failed permanently back to pending: the terminal tries them again at its next pass")
        {
            dataOption, rollOption,
        };
        resend.SetAction(parseResult => Resend(parseResult.GetValue(dataOption)!, parseResult.GetValue(rollOption), Console.Out));

        return new Command("outbox", "Looks at or acts on a terminal's outbox (works while the terminal runs)") { list, resend };
    }

    public static int List(DirectoryInfo data, TextWriter output)
    {
        if (!DataFolderExists(data))
        {
            return 2;
        }

        var store = new FolderDurableStore(data.FullName);
        OutboxEntry[] entries = Open(store, null).Entries();
        output.WriteLine(entries.Length + " roll(s) in the outbox");
        foreach (OutboxEntry entry in entries)
        {
            string next = entry.NextAttemptUtc == DateTime.MinValue ? "now" : entry.NextAttemptUtc.ToString("yyyy-MM-dd HH:mm:ss") + " UTC";
            output.WriteLine($"{entry.RollId}  {entry.Status}  failures={entry.Failures}  next={next}"
                + (entry.HasReport ? "  looked-up" : string.Empty)
                + "  e-mail=" + (entry.MailAccepted ? "accepted" : "waiting")
                + "  upload=" + UploadText(entry.Upload)
                + (entry.StateIntact ? string.Empty : "  (state record damaged: rebuilt as pending at the terminal's next pass)")
                + (entry.RetriedAfterSettingsChange ? "  (retried after a settings change)" : string.Empty)
                + (entry.LastReplyCode != 0 ? "  code=" + entry.LastReplyCode : string.Empty)
                + (entry.LastError != null ? "  error: " + entry.LastError : string.Empty));
        }

        string[] damaged = store.List(Outbox.DamagedPrefix);
        if (damaged.Length > 0)
        {
            output.WriteLine(damaged.Length + " damaged record(s) set aside (kept for inspection; delete them when done):");
            foreach (string name in damaged)
            {
                output.WriteLine("  " + name);
            }
        }

        return 0;
    }

    /// <summary>Where the roll's upload to the server stands, as <c>outbox list</c> shows it.</summary>
    public static string UploadText(UploadOutcome upload) => upload switch
    {
        UploadOutcome.Stored => "stored",
        UploadOutcome.NotSupported => "not-supported-by-server",
        UploadOutcome.NotRequired => "not-required",
        _ => "waiting",
    };

    public static int Resend(DirectoryInfo data, string? rollId, TextWriter output)
    {
        if (!DataFolderExists(data))
        {
            return 2;
        }

        var log = new ConsoleEventLog(Console.Error, LogLevel.Information);
        int count = Open(new FolderDurableStore(data.FullName), log).Resend(rollId);
        output.WriteLine(count + " failed roll(s) put back for another attempt");
        return count == 0 && rollId != null ? 1 : 0;
    }

    /// <summary>An outbox over the folder for looking and resending only: it never looks up or sends.</summary>
    private static Outbox Open(IDurableStore store, IEventLog? log)
    {
        return new Outbox(store, null, null, new SystemClock(), new OutboxOptions(), log);
    }

    private static bool DataFolderExists(DirectoryInfo data)
    {
        if (!data.Exists)
        {
            Console.Error.WriteLine("attendance-terminal: no data folder " + data.FullName);
        }

        return data.Exists;
    }
}
