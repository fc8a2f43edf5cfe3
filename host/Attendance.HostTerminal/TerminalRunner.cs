using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Host.Adapters;


namespace Attendance.HostTerminal;

/// <summary>
/// Runs the shared <see cref="TerminalController"/> on a PC as the board does: the door loop (card reading, the
/// roll, the LEDs) on the calling thread, and the network worker (lookups at close, e-mail, retries) on a
/// background thread of its own, so a swipe never waits for the network. A timer keeps the LED patterns
/// moving while the door loop waits for the (bounded) professor check.
/// </summary>
public sealed class TerminalRunner
{
    /// <summary>Longest sleep of the worker between looks at the outbox (it is woken at once after a close).</summary>
    private const int WorkerWaitMilliseconds = 500;

    private readonly TerminalSettings settings;
    private readonly ICardReaderPort cardReader;
    private readonly IIndicatorLights lights;
    private IEventLog log;
    private readonly string dataFolder;

    public TerminalRunner(TerminalSettings settings, ICardReaderPort cardReader, IIndicatorLights lights, IEventLog log, string dataFolder)
    {
        this.settings = settings;
        this.cardReader = cardReader;
        this.lights = lights;
        this.log = log;
        this.dataFolder = dataFolder;
    }

    public IClock Clock { get; init; } = new SystemClock();

    /// <summary>
    /// Time and settings from the lookup server, asked by the network worker between its passes; null without it.
    /// A new set is kept on disk and applies at the next start (the PC's clock is the operating system's: only the
    /// skew is reported).
    /// </summary>
    public SettingsSync? Settings { get; init; }

    /// <summary>
    /// Steps the controller until <paramref name="stopping"/> is cancelled or, when <paramref name="inputEnded"/>
    /// is given, until it says the input has ended and no work is left (roll closed, nothing due in the outbox).
    /// </summary>
    public void Run(CancellationToken stopping, Func<bool>? inputEnded = null)
    {
        // The ring keeps the last lines for the heartbeat's report (the board's log does the same); every line still
        // goes to the given log, which decides what it shows.
        var ringLog = log as RingEventLog ?? new RingEventLog(new LogRing(), log, Clock, LogLevel.Debug);
        log = ringLog;
        var hardware = new TerminalHardware(cardReader, lights, Clock,
            new SocketNetworkConnector { CertificateValidation = CertificateTrust.FromCaFile(settings.TlsCaCertificateFile) },
            new FolderDurableStore(dataFolder), ringLog)
        {
            HealthSource = new HostHealthSource(settings.Board.Length > 0 ? settings.Board : "pc"),
        };
        if (Settings != null)
        {
            // The heartbeat's clock and settings part, and its "reload settings" request, from the settings' sync.
            var settingsHealth = new SettingsSyncHealth(Settings);
            hardware.ClockSettingsStatus = settingsHealth;
            hardware.SettingsReloader = settingsHealth;
        }

        var controller = StartController(hardware, stopping);
        if (controller == null)
        {
            return;
        }

        using var lightTimer = new Timer(_ => controller.UpdateLights(), null, 25, 25);
        using var workerStopping = new CancellationTokenSource();
        var worker = new Thread(() => RunWorker(controller, workerStopping.Token)) { IsBackground = true, Name = "network worker" };
        worker.Start();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (!TryStep(controller))
                {
                    continue;
                }

                if (inputEnded != null && inputEnded() && controller.RollState == RollState.Closed && !HasMailToSend(controller))
                {
                    log.Write(LogLevel.Information, "terminal", "Input ended and no work is left: stopping");
                    return;
                }
            }
        }
        finally
        {
            // A worker blocked on the network is a background thread: it does not keep the process alive, and
            // whatever it was doing is on disk and resumes at the next start.
            workerStopping.Cancel();
            worker.Join(1000);
        }
    }

    /// <summary>
    /// Builds the controller from the data folder. Stored data is validated as it is read and never throws; a
    /// disk fault still can, and then the terminal tries again each second rather than exit with the door dead.
    /// </summary>
    private TerminalController? StartController(TerminalHardware hardware, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                return new TerminalController(hardware, settings);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                log.Write(LogLevel.Error, "terminal", "start-up failed: " + exception.Message + "; trying again in 1 s");
                stopping.WaitHandle.WaitOne(1000);
            }
        }

        return null;
    }

    /// <summary>One door step; a failure (a disk fault) is logged and the loop goes on, as on the board.</summary>
    private bool TryStep(TerminalController controller)
    {
        try
        {
            controller.Step();
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            log.Write(LogLevel.Error, "terminal", "step failed: " + exception.Message);
            Thread.Sleep(100);
            return false;
        }
    }

    /// <summary>
    /// Whether the outbox still holds mail to send, read while the worker may be deleting a sent roll's records:
    /// a record that vanishes between listing and reading means "look again at the next step".
    /// </summary>
    private static bool HasMailToSend(TerminalController controller)
    {
        try
        {
            return controller.HasMailToSend;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private bool restartLogged;

    /// <summary>One due pass of <see cref="Settings"/>; a new set is announced once (the PC terminal does not restart itself).</summary>
    private void RunSettingsPass()
    {
        if (Settings == null)
        {
            return;
        }

        try
        {
            Settings.RunOnce();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Write(LogLevel.Error, "settings", "the server settings could not be kept: " + exception.Message);
        }

        if (Settings.Status.RestartWanted && !restartLogged)
        {
            restartLogged = true;
            log.Write(LogLevel.Warning, "settings", "new server settings (version " + Settings.Status.StoredVersion + ") are kept: restart the terminal to apply them");
        }
    }

    /// <summary>The network worker's loop: wait for a hand-over or the poll interval, run a pass, repeat.</summary>
    private void RunWorker(TerminalController controller, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            controller.WaitForNetworkWork(WorkerWaitMilliseconds);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                controller.RunNetworkPass();
            }
            catch (Exception exception)
            {
                // The outbox is on disk; the next pass starts from it again.
                log.Write(LogLevel.Error, "terminal", "network pass failed: " + exception.Message);
            }

            RunSettingsPass();
        }
    }
}
