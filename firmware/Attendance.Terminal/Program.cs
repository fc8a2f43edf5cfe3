using System;
using System.Device.Gpio;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Terminal;
using Attendance.Terminal.Adapters;
using Attendance.Terminal.Boards;
using Attendance.Terminal.Startup;
#if BOARD_ESP32
using nanoFramework.Hardware.Esp32;
#endif

namespace Attendance.Terminal
{
    /// <summary>
    /// Start-up of the board, in order: configuration, LEDs, network, SNTP time, then the terminal controller
    /// (which restores the journal and the outbox from flash before serving cards), under a supervisor.
    /// What the LEDs show before the controller takes over:
    ///   both dark                   configuration missing or wrong (the LED pins come from it), or roll.capacity too
    ///                               big for the free heap: the log (debug port) repeats the error, naming the line of
    ///                               terminal.config, every 10 s (dark for sure with the active-low wiring of
    ///                               hardware/README.md, which keeps an undriven LED off);
    ///   red and green alternate     waiting for the network (link, Wi-Fi, DHCP);
    ///   green slow blink (1 Hz)     network up, waiting for the first SNTP answer (or, every 15 s, the lookup server's
    ///                               authenticated time); no roll opens on an unset clock.
    /// </summary>
    public class Program
    {
        private const int NetworkAttemptMilliseconds = 30000;
        private const int TimeAttemptMilliseconds = 15000;
        private const int PauseAfterFailureMilliseconds = 1000;

        /// <summary>Longest pass of time and settings asked from the main thread at start (within the supervisor's door limit).</summary>
        private const int StartPassMilliseconds = 20000;

#if BOARD_ESP32
        private const string StorageRoot = "I:\\";
#else
        private const string StorageRoot = "D:\\";
#endif

        public static void Main()
        {
            // Every line goes to the ring of the last lines (read by the terminal-health report) and to the debug port,
            // in Release builds too (DebugPortEventLog says why). The clock stamps the ring's lines; lines before
            // SNTP answers carry the unset clock's date.
            var clock = new RtcClock();
            var log = new RingEventLog(new LogRing(), new DebugPortEventLog(), clock, LogLevel.Information);
            log.Write(LogLevel.Information, "start", "Attendance terminal starting");

            // The local file first, read as far as reaching the lookup server needs: its mail settings may come from
            // the server (docs/protocol.md, "Time and settings from the server"), checked once the server was asked.
            string localText;
            TerminalSettings settings;
            BoardProfile board;
            try
            {
                localText = ConfigurationFile.LoadText(StorageRoot);
                settings = SettingsParser.Parse(localText, false);
                board = BoardProfiles.Find(settings.Board);
                if (board == null)
                {
                    throw new SettingsException(0, "board", "board '" + settings.Board
                        + "' is not supported by this build (set TerminalBoardFamily in nfproj.props and rebuild)");
                }
            }
            catch (SettingsException exception)
            {
                ShowConfigurationError(exception.Message, log);
                return;
            }

            var gpio = new GpioController();
            var lights = new GpioIndicatorLights(gpio, Choose(settings.RedLedPin, board.RedLedPin),
                Choose(settings.GreenLedPin, board.GreenLedPin), settings.LedActiveHigh);
            var supervisor = new Supervisor(log);
            supervisor.Start();

            // Network, then time: SNTP needs the network, and the roll needs the time.
            int tick = 0;
            while (!NetworkStartup.TryConnect(settings, board, NetworkAttemptMilliseconds, log))
            {
                supervisor.Beat("network");
                lights.Set(tick % 2 == 0, tick % 2 == 1);
                tick++;
                Thread.Sleep(PauseAfterFailureMilliseconds);
            }

            // The server's set is kept apart from the roll's records ("settings" folder), which a new terminal's roll
            // counter reads as "nothing stored yet" (RollSequence).
            var connector = new SocketNetworkConnector(LoadCertificateAuthority(settings, log));
            // Passes asked from the main thread run under one deadline (SettingsSync.RunStartPass); the worker's later
            // passes are bounded by the lookup timeouts.
            var sync = SettingsSync.ForTerminal(connector, clock, clock, new FlashDurableStore(StorageRoot + "settings\\"), localText, log);
            sync.DeferFetchToStart = true;

            supervisor.Beat("time");
            TimeStartup.StartSntp(settings);
            while (!clock.IsSet)
            {
                supervisor.Beat("time");
                lights.Set(false, tick % 2 == 0);
                tick++;
                if (!TimeStartup.WaitForTime(clock, 500))
                {
                    if (tick % (TimeAttemptMilliseconds / 500) == 0)
                    {
                        log.Write(LogLevel.Warning, "time", "no SNTP answer yet; asking again, and asking the lookup server");
                        TimeStartup.StartSntp(settings);

                        // The server's authenticated time sets the clock when SNTP stays silent (blocked port, no
                        // route to the pool); the same pass fetches the server's settings.
                        supervisor.Beat("time");
                        sync.RunStartPass(StartPassMilliseconds);
                    }
                }
            }

            lights.Set(false, false);
            log.Write(LogLevel.Information, "time", "clock set: " + clock.UtcNow.ToString() + " UTC");

            try
            {
                supervisor.Beat("settings");
                settings = sync.StartWithServer(StartPassMilliseconds);

                // A full roll's close must fit the heap free now, or the terminal would fail at the close, with the
                // roll taken (hardware/README.md, "Roll capacity and heap"). GC.Run returns the free bytes after a collection.
                uint freeBytes = nanoFramework.Runtime.Native.GC.Run(false);
                log.Write(LogLevel.Information, "start", HeapBudget.Describe(settings.RollCapacity, freeBytes));
                try
                {
                    HeapBudget.Check(settings.RollCapacity, freeBytes);
                }
                catch (SettingsException exception)
                {
                    if (!sync.RunsServerSettings)
                    {
                        throw;
                    }

                    // The server's roll.capacity does not fit this board: refuse the set (reported), start with the file.
                    settings = sync.FallBackToLocal(exception.Message);
                    HeapBudget.Check(settings.RollCapacity, freeBytes);
                }
            }
            catch (SettingsException exception)
            {
                ShowConfigurationError(exception.Message, log);
                return;
            }

            log.Write(LogLevel.Information, "start", "board " + board.Name + " (firmware " + board.FirmwareTarget + ")\n" + settings.ToLogString()
                + sync.Describe());

            var hardware = new TerminalHardware(
                OpenCardReader(settings, board),
                lights,
                clock,
                connector,
                new FlashDurableStore(StorageRoot + "attendance\\"),
                log);
            // The heartbeat's board facts (docs/protocol.md, "Terminal health"); the log ring gives its last error lines.
            hardware.HealthSource = new BoardHealthSource(board.Name);
            // Its clock and settings part, and the "reload settings" request, come from the server settings' sync.
            var settingsHealth = new SettingsSyncHealth(sync);
            hardware.ClockSettingsStatus = settingsHealth;
            hardware.SettingsReloader = settingsHealth;

            Serve(hardware, settings, sync, supervisor, log);
        }

        /// <summary>How often the LED patterns are advanced, independently of the controller's steps.</summary>
        private const int LightPeriodMilliseconds = 25;

        /// <summary>How long a controller rebuild waits for the old network worker to finish its pass.</summary>
        private const int WorkerStopMilliseconds = 30000;

        /// <summary>
        /// The terminal's two loops (docs/roll.md): the door loop here on the main thread, stepping the controller
        /// (card reading, the roll, the LEDs), and the network worker on a thread of its own (lookups at close,
        /// e-mail, retries), so a swipe never waits for the network. Each step is bounded (short card read, the
        /// professor check's deadline), so a step that throws is logged and the loop goes on: the roll and the
        /// outbox are on flash and the controller rebuilds from them. A controller that keeps failing is rebuilt;
        /// a stuck loop of either kind is rebooted by the supervisor.
        /// </summary>
        private static void Serve(TerminalHardware hardware, TerminalSettings settings, SettingsSync sync, Supervisor supervisor, IEventLog log)
        {
            while (true)
            {
                supervisor.Beat("restore");
                TerminalController controller;
                try
                {
                    controller = new TerminalController(hardware, settings);
                }
                catch (OutOfMemoryException)
                {
                    log.Write(LogLevel.Error, "terminal", "out of memory at start-up: rebooting");
                    nanoFramework.Runtime.Native.Power.RebootDevice();
                    continue;
                }
                catch (Exception exception)
                {
                    // Stored data is checked as it is read and never throws; a flash fault still might. Try again
                    // rather than leave the door dead: the supervisor reboots if this repeats for its limit.
                    log.Write(LogLevel.Error, "terminal", "start-up failed: " + exception.Message + "; trying again");
                    Thread.Sleep(PauseAfterFailureMilliseconds);
                    continue;
                }

                var worker = new NetworkWorkerThread(controller, sync, supervisor, log);

                // Keeps the LED patterns moving while a step waits for the professor check.
                var lightTimer = new Timer(UpdateLights, controller, LightPeriodMilliseconds, LightPeriodMilliseconds);
                int failuresInARow = 0;
                while (failuresInARow < 10)
                {
                    try
                    {
                        controller.Step();
                        failuresInARow = 0;
                    }
                    catch (OutOfMemoryException)
                    {
                        log.Write(LogLevel.Error, "terminal", "out of memory: rebooting (journal and outbox are on flash)");
                        nanoFramework.Runtime.Native.Power.RebootDevice();
                    }
                    catch (Exception exception)
                    {
                        failuresInARow++;
                        log.Write(LogLevel.Error, "terminal", "step failed: " + exception.Message);
                        Thread.Sleep(PauseAfterFailureMilliseconds);
                    }

                    supervisor.Beat("serving", controller.NetworkSilenceMilliseconds);
                    if (sync.ShouldRestart(controller))
                    {
                        // New server settings are kept on flash and apply at start; no roll is open, and the outbox
                        // and journal are on flash, so a restart now loses nothing.
                        log.Write(LogLevel.Information, "settings", "restarting to apply new server settings (" + sync.Describe() + ")");
                        worker.Stop(WorkerStopMilliseconds);
                        nanoFramework.Runtime.Native.Power.RebootDevice();
                    }
                }

                lightTimer.Dispose();
                log.Write(LogLevel.Error, "terminal", "ten failed steps in a row: rebuilding the controller from flash");
                supervisor.Beat("stopping the network worker");
                if (!worker.Stop(WorkerStopMilliseconds))
                {
                    // Two workers must never share the outbox: start afresh instead.
                    log.Write(LogLevel.Error, "terminal", "the network worker did not stop: rebooting (journal and outbox are on flash)");
                    nanoFramework.Runtime.Native.Power.RebootDevice();
                }
            }
        }

        private static void UpdateLights(object controller)
        {
            ((TerminalController)controller).UpdateLights();
        }

        private static ICardReaderPort OpenCardReader(TerminalSettings settings, BoardProfile board)
        {
            string portName = settings.CardReaderPortName.Length > 0 ? settings.CardReaderPortName : board.CardReaderPortName;
#if BOARD_ESP32
            // ESP32 routes UART signals through its GPIO matrix: the pins must be set before the port is opened.
            // The settings allow COM2 (UART1) and COM3 (UART2) only: COM1 is the debug and deployment UART.
            int receivePin = Choose(settings.CardReaderReceivePin, board.CardReaderReceivePin);
            int transmitPin = Choose(settings.CardReaderTransmitPin, board.CardReaderTransmitPin);
            if (portName == "COM3")
            {
                Configuration.SetPinFunction(receivePin, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(transmitPin, DeviceFunction.COM3_TX);
            }
            else
            {
                Configuration.SetPinFunction(receivePin, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(transmitPin, DeviceFunction.COM2_TX);
            }
#endif
            return new SerialCardReaderPort(portName, settings.CardReaderBaudRate);
        }

        private static X509Certificate LoadCertificateAuthority(TerminalSettings settings, IEventLog log)
        {
            if (settings.TlsCaCertificateFile.Length == 0)
            {
                log.Write(LogLevel.Information, "tls", "trusting the CA store deployed to the device");
                return null;
            }

            // PEM text, as in the nanoFramework SecureClient sample (new X509Certificate(string) with a PEM string).
            return new X509Certificate(File.ReadAllText(settings.TlsCaCertificateFile));
        }

        private static int Choose(int configured, int boardDefault)
        {
            return configured >= 0 ? configured : boardDefault;
        }

        /// <summary>
        /// No terminal without a valid configuration. The LEDs stay dark because their pins are configured (driving a
        /// guessed pin could fight the Ethernet PHY on the ESP32-POE); the error is repeated in the log (debug port).
        /// </summary>
        private static void ShowConfigurationError(string message, IEventLog log)
        {
            while (true)
            {
                log.Write(LogLevel.Error, "config", message);
                Thread.Sleep(10000);
            }
        }
    }
}
