using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Host.Adapters;


namespace Attendance.HostTerminal;

/// <summary>
/// Runs the shared <see cref="TerminalController"/> on a PC: the same loop the board runs, with a timer that
/// keeps the LED patterns moving while the controller is busy on the network.
/// </summary>
public sealed class TerminalRunner
{
    private readonly TerminalSettings settings;
    private readonly ICardReaderPort cardReader;
    private readonly IIndicatorLights lights;
    private readonly IEventLog log;
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
    /// Steps the controller until <paramref name="stopping"/> is cancelled or, when <paramref name="inputEnded"/>
    /// is given, until it says the input has ended and no work is left (roll closed, nothing due in the outbox).
    /// </summary>
    public void Run(CancellationToken stopping, Func<bool>? inputEnded = null)
    {
        var hardware = new TerminalHardware(cardReader, lights, Clock,
            new SocketNetworkConnector { CertificateValidation = CertificateTrust.FromCaFile(settings.TlsCaCertificateFile) },
            new FolderDurableStore(dataFolder), log);
        var controller = new TerminalController(hardware, settings);

        using var lightTimer = new Timer(_ => controller.UpdateLights(), null, 25, 25);
        while (!stopping.IsCancellationRequested)
        {
            controller.Step();
            if (inputEnded != null && inputEnded() && controller.RollState == RollState.Closed && !controller.HasMailToSend)
            {
                log.Write(LogLevel.Information, "terminal", "Input ended and no work is left: stopping");
                return;
            }
        }
    }
}
