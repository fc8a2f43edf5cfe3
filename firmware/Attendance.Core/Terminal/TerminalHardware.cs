using Attendance.Core.Hardware;
using Attendance.Core.Health;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// The edges of one terminal, handed to the terminal controller as a whole: the board application fills it
    /// with UART, GPIO, socket and flash adapters, a PC or a test with its own. Plain holder, no behaviour.
    /// </summary>
    public class TerminalHardware
    {
        public TerminalHardware(
            ICardReaderPort cardReader,
            IIndicatorLights lights,
            IClock clock,
            INetworkConnector network,
            IDurableStore store,
            IEventLog log)
        {
            CardReader = cardReader;
            Lights = lights;
            Clock = clock;
            Network = network;
            Store = store;
            Log = log;
        }

        /// <summary>Bytes from the barcode reader.</summary>
        public ICardReaderPort CardReader { get; private set; }

        /// <summary>The red and green LEDs.</summary>
        public IIndicatorLights Lights { get; private set; }

        /// <summary>UTC wall clock (set by SNTP) and monotonic milliseconds.</summary>
        public IClock Clock { get; private set; }

        /// <summary>TCP and TLS connections to the lookup and SMTP servers.</summary>
        public INetworkConnector Network { get; private set; }

        /// <summary>Flash records: the open roll's journal and the outbox.</summary>
        public IDurableStore Store { get; private set; }

        /// <summary>Where events are reported (never with secrets).</summary>
        public IEventLog Log { get; private set; }

        /// <summary>Board facts for the health report (memory, address, Wi-Fi, board name); null reports them unknown.</summary>
        public IHealthSource HealthSource { get; set; }

        /// <summary>
        /// Clock source and skew, and settings rejected, for the health report; null reports "unknown". Set by the
        /// code that sets the clock from the server and applies settings from the server.
        /// </summary>
        public IClockSettingsStatus ClockSettingsStatus { get; set; }

        /// <summary>Carries out the administrator's "reload settings" request; null answers it "not supported".</summary>
        public ISettingsReloader SettingsReloader { get; set; }
    }
}
