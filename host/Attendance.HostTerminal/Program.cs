using System.CommandLine;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Terminal;
using Attendance.Host.Adapters;
using Attendance.HostTerminal;


var configOption = new Option<FileInfo>("--config", "-c")
{
    Description = "The terminal's settings (same key = value file as the board's terminal.config)",
    Required = true,
};
var serialOption = new Option<string?>("--serial", "-s")
{
    Description = "Serial port of the barcode reader (e.g. /dev/ttyUSB0, COM3, or one end of a socat pty pair); "
        + "without it, card codes are read from standard input, one per line",
};
var dataOption = new Option<DirectoryInfo>("--data", "-d")
{
    Description = "Folder for the roll journal and the outbox (survives restarts)",
    DefaultValueFactory = _ => new DirectoryInfo("terminal-data"),
};
var setOption = new Option<string[]>("--set")
{
    Description = "Overrides one setting, as key=value (repeatable)",
    AllowMultipleArgumentsPerToken = false,
};
var noColourOption = new Option<bool>("--no-colour") { Description = "Draw the LEDs without ANSI colours" };
var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Also log debug lines (SMTP conversation when smtp.protocol-log is on)" };
var exitOption = new Option<bool>("--exit-at-end-of-input")
{
    Description = "With standard input: stop once the input has ended, the roll is closed and the outbox has nothing left to send",
};

var root = new RootCommand("Classroom attendance terminal on a PC: the board's logic with a serial port or standard input for cards and the console for the LEDs.")
{
    configOption, serialOption, dataOption, setOption, noColourOption, verboseOption, exitOption,
};

root.Add(OutboxCommands.Create());

root.SetAction(parseResult =>
{
    var log = new ConsoleEventLog(Console.Error, parseResult.GetValue(verboseOption) ? LogLevel.Debug : LogLevel.Information);
    TerminalSettings settings;
    SettingsSync sync;
    var clock = new SystemClock();
    try
    {
        // The local file is enough to reach the lookup server; its mail settings may come from the server
        // (docs/protocol.md, "Time and settings from the server"), kept in the data folder's "settings" folder.
        var text = HostSettings.LoadText(parseResult.GetValue(configOption)!.FullName, parseResult.GetValue(setOption) ?? []);
        var local = SettingsParser.Parse(text, false);
        var connector = new SocketNetworkConnector { CertificateValidation = CertificateTrust.FromCaFile(local.TlsCaCertificateFile) };
        sync = new SettingsSync(new LookupClient(connector, TerminalComponents.Lookup(local)), clock, null,
            new FolderDurableStore(Path.Combine(parseResult.GetValue(dataOption)!.FullName, "settings")), text, log);
        settings = StartSettings(sync);
        log.Write(LogLevel.Information, "terminal", sync.Status.Describe() + "; " + sync.Clock.Describe());
    }
    catch (Exception exception) when (exception is SettingsException or IOException)
    {
        Console.Error.WriteLine("attendance-terminal: " + exception.Message);
        return 2;
    }

    log.Write(LogLevel.Information, "terminal", "Settings: " + settings.ToLogString());
    var lights = new ConsoleIndicatorLights(Console.Out, clock, colour: !parseResult.GetValue(noColourOption) && !Console.IsOutputRedirected);
    using var stopping = new CancellationTokenSource();
    Console.CancelKeyPress += (_, arguments) =>
    {
        arguments.Cancel = true;
        stopping.Cancel();
    };

    var serial = parseResult.GetValue(serialOption);
    ICardReaderPort cardReader;
    StandardInputCardReaderPort? standardInput = null;
    if (string.IsNullOrEmpty(serial))
    {
        standardInput = new StandardInputCardReaderPort(Console.OpenStandardInput());
        cardReader = standardInput;
    }
    else
    {
        cardReader = new SerialCardReaderPort(serial, settings.CardReaderBaudRate);
    }

    try
    {
        var runner = new TerminalRunner(settings, cardReader, lights, log, parseResult.GetValue(dataOption)!.FullName) { Clock = clock, Settings = sync };
        Func<bool>? inputEnded = parseResult.GetValue(exitOption) && standardInput != null ? () => standardInput.Ended : null;
        runner.Run(stopping.Token, inputEnded);
        return 0;
    }
    finally
    {
        (cardReader as IDisposable)?.Dispose();
    }
});

return root.Parse(args).Invoke();

// The local file with the server's set kept from before; when that cannot run (no mail settings yet, a first start),
// the server is asked now, once. Otherwise the network worker asks it, so a server that is down never delays the door.
static TerminalSettings StartSettings(SettingsSync sync)
{
    try
    {
        return sync.StartSettings();
    }
    catch (SettingsException)
    {
        sync.RunOnce();
        return sync.StartSettings();
    }
}
