using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Demo;
using Attendance.Host.Adapters;
using Attendance.HostTerminal;
using Attendance.LookupServer;
using Attendance.LookupServer.Network;
using Attendance.LookupServer.Admin;
using Attendance.LookupServer.Storage;
using Attendance.LookupServer.Web;
using Attendance.MailArchive;
using Attendance.Portal.Accounts;
using Attendance.Portal.Data;
using Attendance.Portal.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

// The main job on embedded defaults: everything on loopback, in a temporary folder, nothing to configure.
//   dotnet run --project host/Attendance.Demo [-- --keep]
// --keep: keeps the working folder, and the portal up (with a demo account) until Ctrl+C.
var keep = args.Contains("--keep");
var folder = Directory.CreateTempSubdirectory("attendance-demo").FullName;
Console.OutputEncoding = Encoding.UTF8;
var colour = !Console.IsOutputRedirected;
Say("Attendance terminal demo (working folder " + folder + ")");

// 1. The lookup server on its SQLite sample data (asked for with --demo, as on the server's command line: demo data
// is opt-in and loopback only), hosting the mail archive as the demo's receiving end and the staff portal (plain
// HTTP on loopback, a free port).
var server = LookupServerApp.Build(LookupServerApp.CreateBuilder(LookupServerApp.ExpandDemoSwitch(
[
    "--demo", "--Lookup:Port=0", "--Portal:Port=0",
    "--Lookup:Database:ConnectionString=Data Source=" + Path.Combine(folder, "lookup.db"),
    "--MailArchive:Enabled=true", "--MailArchive:Port=0", "--MailArchive:Folder=" + Path.Combine(folder, "mail-archive"),
    "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Attendance.LookupServer.Requests=Warning",
]), hostPortal: true));
await LookupServerApp.PrepareDatabaseAsync(server.Services, CancellationToken.None);
// The class starts a few minutes before now (the terminal's local time is this machine's), so only a student who
// comes after the grace period is late.
var localNow = DateTime.Now;
var utcOffsetMinutes = (int)TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow).TotalMinutes;
var (classCode, className, classStart) = await SampleData.ScheduleClassStartingBeforeAsync(
    server.Services.GetRequiredService<LookupDatabase>(), localNow, DemoScript.StartsMinutesAgo, CancellationToken.None);
await server.StartAsync();
var portalAddress = PortalHosting.Addresses(server.Services.GetRequiredService<IServer>()).First();
var lookupPort = server.Services.GetRequiredService<LookupListener>().BoundPort;
var archive = server.Services.GetRequiredService<MailArchiveServer>();
var archiveEndPoint = await archive.Listening.WaitAsync(TimeSpan.FromSeconds(10));
var delivered = new TaskCompletionSource<ArchivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
archive.MessageArchived += message => delivered.TrySetResult(message);
Say("Lookup server on 127.0.0.1:" + lookupPort + " (SQLite sample data); mail archive (SMTP) on " + archiveEndPoint + "; portal on " + portalAddress);
Say("Class " + classCode + " (" + className + ") starts at " + classStart + " today; the terminal counts a swipe more than "
    + DemoScript.GraceMinutes + " minutes after the start as late");

// 2. The terminal on a serial pseudo-terminal, configured as a board would be.
using var line = PseudoTerminal.Open();
var settings = SettingsParser.Parse(string.Join("\n",
    "board = pc",
    "terminal.id = " + SampleData.DemoTerminalId,
    "terminal.key = demo-key-T01-not-for-production!",
    "lookup.host = 127.0.0.1",
    "lookup.port = " + lookupPort,
    "smtp.host = 127.0.0.1",
    "smtp.port = " + archiveEndPoint.Port,
    "smtp.security = none",
    "mail.from = terminal-t01@example.edu",
    "time.utc-offset-minutes = " + utcOffsetMinutes,
    "lookup.late-grace-minutes = " + DemoScript.GraceMinutes,
    "card.suffix = cr"));
var clock = new DemoClock();
var lights = new ConsoleIndicatorLights(Console.Out, clock, colour);
var log = new ConsoleEventLog(Console.Out, LogLevel.Information);
using var stopping = new CancellationTokenSource();
using var port = new SerialCardReaderPort(line.SecondaryPath, settings.CardReaderBaudRate);
var runner = new TerminalRunner(settings, port, lights, log, Path.Combine(folder, "terminal-data")) { Clock = clock };
var terminal = new Thread(() => runner.Run(stopping.Token)) { Name = "terminal" };
terminal.Start();
Say("Terminal " + settings.TerminalId + " reads cards from " + line.SecondaryPath + " (a serial pseudo-terminal)");

// 3. The class, swiped into the reader's side of the line.
await Task.Delay(500);
foreach (var swipe in DemoScript.Class)
{
    Say("» " + swipe.Narration);
    if (swipe.MinutesPass > 0)
    {
        clock.Advance(TimeSpan.FromMinutes(swipe.MinutesPass));
        continue;
    }

    line.Primary.Write(swipe.ReaderBytes);
    line.Primary.Flush();
    await Task.Delay(900);
}

// 4. The e-mail, as the archive received it.
var exitCode = 0;
try
{
    var message = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
    await Task.Delay(300);
    stopping.Cancel();
    terminal.Join();
    PrintTimeline(lights.Timeline);
    exitCode = PrintMessage(message) && await PrintPortalViewAsync() ? 0 : 1;
    if (keep)
    {
        await KeepPortalAsync();
    }
}
catch (TimeoutException)
{
    Say("No e-mail arrived within 30 s: see the log above.");
    exitCode = 1;
}
finally
{
    stopping.Cancel();
    await server.StopAsync();
    await server.DisposeAsync();
    if (!keep)
    {
        Directory.Delete(folder, recursive: true);
    }
}

return exitCode;

// The roll as the portal shows it: what the terminal uploaded at close, read back through the portal's IRollArchive
// (the same query the roll page makes), statuses and late flags as the server stored them.
async Task<bool> PrintPortalViewAsync()
{
    var rolls = server.Services.GetService<IRollArchive>();
    if (rolls == null)
    {
        Say("\n(The portal's view of the roll needs the server's roll archive, which this build does not have.)");
        return true;
    }

    // The upload and the e-mail complete each on its own: the roll may reach the server a moment after the e-mail.
    RollSummary? stored = null;
    for (var attempt = 0; attempt < 50 && stored == null; attempt++)
    {
        stored = (await rolls.SearchRollsAsync(new RollSearch(), PortalScope.All, CancellationToken.None)).Rolls.FirstOrDefault();
        if (stored == null)
        {
            await Task.Delay(200);
        }
    }

    var roll = stored == null ? null : await rolls.GetRollAsync(stored.RollKey, PortalScope.All, CancellationToken.None);
    if (roll == null)
    {
        Say("\nThe roll did not reach the server's archive within 10 s: see the log above.");
        return false;
    }

    string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.Local).ToString("HH:mm:ss");
    var summary = roll.Summary;
    Say("");
    Say("The roll in the portal (" + portalAddress + "/Rolls/Detail/" + summary.RollKey + "):");
    Console.WriteLine("  " + summary.CourseName + " - " + summary.ClassName + " (" + summary.ClassCode + "), " + summary.ProfessorName + " (" + summary.ProfessorCode + ")");
    Console.WriteLine("  opened " + Local(summary.OpenedUtc) + ", closed " + Local(summary.ClosedUtc)
        + (roll.LateAfterUtc is { } lateAfter ? ", late after " + Local(lateAfter) : "") + "; verification code " + roll.VerificationCode);
    foreach (var presence in roll.Presences)
    {
        var status = presence.Status switch
        {
            PresenceStatus.NotEnrolled => "  not enrolled",
            PresenceStatus.UnknownStudent => "  not a student",
            _ => "",
        };
        Console.WriteLine("  {0,-7} {1,-28} {2}{3}{4}", presence.StudentCode, presence.StudentName ?? "(unknown)", Local(presence.FirstSwipeUtc), status, presence.Late ? "  LATE" : "");
    }

    var late = roll.Presences.Where(presence => presence.Late).Select(presence => presence.StudentCode).ToList();
    var right = roll.Presences.Count == DemoScript.ExpectedStudents.Count && late.SequenceEqual([DemoScript.LateStudent]);
    Say(right
        ? "The server stored all " + roll.Presences.Count + " presences, with only " + DemoScript.LateStudent + " late, as the e-mail says."
        : "The stored roll differs from the e-mail: " + roll.Presences.Count + " presences, late: " + string.Join(", ", late));
    return right;
}

// With --keep: a demo account (demo data on loopback only, as here) and the portal up until Ctrl+C.
async Task KeepPortalAsync()
{
    var password = UsersCommand.NewPassword();
    await using (var scope = server.Services.CreateAsyncScope())
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var created = await users.CreateAsync(new PortalUser { UserName = "demo", Role = PortalRoles.Administrator }, password);
        if (!created.Succeeded)
        {
            Say("The demo account could not be made: " + string.Join("; ", created.Errors.Select(error => error.Description)));
            return;
        }
    }

    Say("");
    Say("The portal stays up at " + portalAddress + " : sign in as demo, password " + password + " (a demo account, for this run only).");
    Say("Working folder kept: " + folder + ". Press Ctrl+C to stop.");
    await server.WaitForShutdownAsync();
}

void Say(string text) => Console.WriteLine(colour ? "\u001b[1m" + text + "\u001b[0m" : text);

void PrintTimeline(IReadOnlyList<LightChange> timeline)
{
    Say("");
    Say("LED timeline (" + timeline.Count + " changes; each line is the state from that moment on):");
    var start = timeline.Count > 0 ? timeline[0].MonotonicMilliseconds : 0;
    foreach (var change in timeline)
    {
        Console.WriteLine("  +{0,6} ms  red {1}  green {2}", change.MonotonicMilliseconds - start, change.Red ? "●" : "○", change.Green ? "●" : "○");
    }
}

bool PrintMessage(ArchivedMessage archived)
{
    var message = MimeMessage.Load(archived.Path);
    Say("");
    Say("The e-mail that arrived (" + Path.GetFileName(archived.Path) + "):");
    Console.WriteLine("  From:    " + message.From);
    Console.WriteLine("  To:      " + message.To);
    Console.WriteLine("  Subject: " + message.Subject);
    Console.WriteLine("  Date:    " + message.Headers[HeaderId.Date]);
    Console.WriteLine("  Message-ID: " + message.MessageId);
    Console.WriteLine();
    foreach (var bodyLine in (message.TextBody ?? "").ReplaceLineEndings("\n").Split('\n'))
    {
        Console.WriteLine("  | " + bodyLine);
    }

    var csv = message.Attachments.OfType<MimePart>().FirstOrDefault();
    if (csv != null)
    {
        using var content = new MemoryStream();
        csv.Content?.DecodeTo(content);
        Console.WriteLine();
        Console.WriteLine("  Attachment " + csv.FileName + ":");
        foreach (var csvLine in Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd().Split('\n'))
        {
            Console.WriteLine("  | " + csvLine);
        }
    }

    var body = message.TextBody ?? "";
    var missing = DemoScript.ExpectedStudents.Where(code => !body.Contains(code, StringComparison.Ordinal)).ToList();
    Say(missing.Count == 0
        ? "\nAll " + DemoScript.ExpectedStudents.Count + " students swiped are in the e-mail; the duplicate and the garbled read are not."
        : "\nMissing from the e-mail: " + string.Join(", ", missing));
    // Only the student who came after the grace period is marked late (the mail's flag, Portuguese by default).
    var late = body.ReplaceLineEndings("\n").Split('\n').Where(bodyLine => bodyLine.Contains("ATRASADO", StringComparison.Ordinal)).ToList();
    var lateRight = late.Count == 1 && late[0].Contains(DemoScript.LateStudent, StringComparison.Ordinal);
    Say(lateRight
        ? "Only " + DemoScript.LateStudent + ", who came " + DemoScript.LateArrivalMinutes + " minutes after the others, is marked late."
        : "Expected only " + DemoScript.LateStudent + " marked late, found " + late.Count + " late line(s).");
    return missing.Count == 0 && lateRight;
}
