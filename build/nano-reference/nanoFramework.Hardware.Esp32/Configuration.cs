// Package: nanoFramework.Hardware.Esp32 1.6.40 (assembly nanoFramework.Hardware.Esp32)
// Reference API only: signatures as in nanoframework/nanoFramework.Hardware.Esp32 at tag v1.6.40
// (nanoFramework.Hardware.Esp32/Configuration.cs, DeviceTypePins.cs), bodies throw null. Only the members this
// repository uses: of the large DeviceFunction enum, the UART pins, with the values the source computes
// (DeviceTypes.SERIAL = 3 * 0x10000, plus port * 0x100, plus 0 for TX and 1 for RX). README.md beside.

namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
    }

    public enum DeviceFunction
    {
        COM1_TX = 0x30100,
        COM1_RX = 0x30101,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
    }
}
