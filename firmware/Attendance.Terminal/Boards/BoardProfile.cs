namespace Attendance.Terminal.Boards
{
    /// <summary>
    /// What differs between the supported boards: pins, UART, network interface and where flash files live.
    /// Settings may override each pin (<c>led.red-pin</c>, <c>card.rx-pin</c>...); -1 there means "use this".
    /// </summary>
    public class BoardProfile
    {
        /// <summary>Name used by the <c>board</c> setting.</summary>
        public string Name;

        /// <summary>UART of the card reader (nanoFramework names COM1..COM9).</summary>
        public string CardReaderPortName;

        /// <summary>GPIO routed to the UART's RX on ESP32 (pin matrix); -1 on STM32, whose UART pins are fixed in firmware.</summary>
        public int CardReaderReceivePin;

        /// <summary>GPIO routed to the UART's TX on ESP32; -1 on STM32.</summary>
        public int CardReaderTransmitPin;

        public int RedLedPin;

        public int GreenLedPin;

        /// <summary>True for Wi-Fi boards (System.Device.Wifi), false for wired Ethernet.</summary>
        public bool UsesWifi;

        /// <summary>Drive holding terminal.config, the journal and the outbox.</summary>
        public string StorageRoot;

        /// <summary>nanoff target name of the firmware this profile expects (for the logs and the docs).</summary>
        public string FirmwareTarget;
    }
}
