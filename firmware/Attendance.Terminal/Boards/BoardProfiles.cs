namespace Attendance.Terminal.Boards
{
    /// <summary>
    /// The supported boards. Which family the application is built for is chosen at build time
    /// (<c>TerminalBoardFamily</c> in nfproj.props: ESP32 or STM32, because the firmware of one family lacks the
    /// other's native assemblies); the <c>board</c> setting picks the board within the family.
    /// Pin numbers: ESP32 GPIO numbers; STM32 nanoFramework numbers, port index * 16 + pin (PJ1 = 9 * 16 + 1 = 145).
    /// </summary>
    public static class BoardProfiles
    {
        /// <summary>Returns the profile called <paramref name="name"/>, or null if this build does not support it.</summary>
        public static BoardProfile Find(string name)
        {
#if BOARD_ESP32
            if (name == "esp32-devkit-wifi")
            {
                return Esp32DevKitWifi();
            }

            if (name == "esp32-poe-ethernet")
            {
                return Esp32PoeEthernet();
            }

            if (name == "esp32-ethernet-kit")
            {
                return Esp32EthernetKit();
            }
#endif
#if BOARD_STM32
            if (name == "stm32f769i-ethernet")
            {
                return Stm32F769DiscoveryEthernet();
            }
#endif
            return null;
        }

        /// <summary>
        /// ESP32-DevKitC V4 on Wi-Fi, best the ESP32-DevKitC-VE (ESP32-WROVER-E, 8 MB PSRAM; firmware ESP32_PSRAM_REV3).
        /// The reader is on COM2, which is UART1 (nf-interpreter maps COMn to UART n-1), routed to GPIO32 (RX) and
        /// GPIO33 (TX), and the LEDs on GPIO25 and GPIO26: header J2 pins 7 to 10, side by side (DevKitC V4 user
        /// guide, "Header Block"). Not GPIO16/17: on WROVER modules they belong to the PSRAM (same guide, note 3), so a
        /// UART there breaks on the boards with the most heap. None of the four is a strapping pin (ESP32 datasheet,
        /// "Strapping Pins": GPIO0, 2, 5, 12, 15) or a flash pin (GPIO6-11).
        /// </summary>
        public static BoardProfile Esp32DevKitWifi()
        {
            var profile = new BoardProfile();
            profile.Name = "esp32-devkit-wifi";
            profile.CardReaderPortName = "COM2";
            profile.CardReaderReceivePin = 32;
            profile.CardReaderTransmitPin = 33;
            profile.RedLedPin = 25;
            profile.GreenLedPin = 26;
            profile.UsesWifi = true;
            profile.StorageRoot = "I:\\";
            profile.FirmwareTarget = "ESP32_PSRAM_REV3";
            return profile;
        }

        /// <summary>
        /// Olimex ESP32-POE-ISO-WROVER (LAN8720 Ethernet, isolated PoE, ESP32-WROVER-E with 8 MB PSRAM; firmware
        /// ESP32_OLIMEX_WROVER, whose Ethernet clock is GPIO0: the WROVER's PSRAM takes GPIO16/17, and ESP32_OLIMEX
        /// drives the clock on GPIO17, so that image leaves this board's Ethernet dead). The same pins serve the
        /// non-WROVER ESP32-POE(-ISO) with firmware ESP32_OLIMEX. The RMII bus, GPIO12 (PHY power) and the clock pin
        /// are taken, so the reader and LEDs use the UEXT connector: UEXT 4 RXD = GPIO36 (input only), UEXT 3 TXD =
        /// GPIO4, UEXT 6 = GPIO13 (red) and UEXT 9 = GPIO14 (green). GPIO13 is the UEXT I2C SDA line with a 2.2 kOhm
        /// pull-up to 3.3 V (R35 in the ESP32-PoE-ISO schematic): the LEDs are wired active-low (led.active-high =
        /// false, the default), so the pull-up keeps an undriven red LED dark instead of glowing. GPIO14 is also the
        /// microSD clock: the terminal keeps its files in internal flash, so leave the card slot empty.
        /// </summary>
        public static BoardProfile Esp32PoeEthernet()
        {
            var profile = new BoardProfile();
            profile.Name = "esp32-poe-ethernet";
            profile.CardReaderPortName = "COM2";
            profile.CardReaderReceivePin = 36;
            profile.CardReaderTransmitPin = 4;
            profile.RedLedPin = 13;
            profile.GreenLedPin = 14;
            profile.UsesWifi = false;
            profile.StorageRoot = "I:\\";
            profile.FirmwareTarget = "ESP32_OLIMEX_WROVER";
            return profile;
        }

        /// <summary>
        /// Espressif ESP32-Ethernet-Kit V1.2 (ESP32-WROVER-E with 8 MB PSRAM, IP101GRI PHY, PoE with its board B;
        /// firmware ESP32_ETHERNET_KIT_1.2). The RMII bus takes GPIO0, 18, 19, 21-23, 25-27 and GPIO5 resets the PHY,
        /// so the reader uses GPIO36 (RX, GPIO Header 1 pin 5) and GPIO4 (TX, GPIO Header 2 pin 3) on COM2, and the LEDs
        /// GPIO32 and GPIO33 (GPIO Header 1 pins 1 and 2), which the kit uses for nothing else (ESP32-Ethernet-Kit V1.2
        /// user guide, "GPIO Allocation").
        /// </summary>
        public static BoardProfile Esp32EthernetKit()
        {
            var profile = new BoardProfile();
            profile.Name = "esp32-ethernet-kit";
            profile.CardReaderPortName = "COM2";
            profile.CardReaderReceivePin = 36;
            profile.CardReaderTransmitPin = 4;
            profile.RedLedPin = 32;
            profile.GreenLedPin = 33;
            profile.UsesWifi = false;
            profile.StorageRoot = "I:\\";
            profile.FirmwareTarget = "ESP32_ETHERNET_KIT_1.2";
            return profile;
        }

        /// <summary>
        /// STM32F769I-DISCO (on-board Ethernet). The nanoFramework firmware opens UART6 as COM6 on PC6 (TX) and PC7
        /// (RX), Arduino connector D1 and D0 (nf-interpreter target_system_io_ports_config.cpp). LEDs on Arduino D2
        /// (PJ1) and D4 (PJ0) (UM2033, Arduino connector table). Files live on the microSD card (FAT, drive D:).
        /// </summary>
        public static BoardProfile Stm32F769DiscoveryEthernet()
        {
            var profile = new BoardProfile();
            profile.Name = "stm32f769i-ethernet";
            profile.CardReaderPortName = "COM6";
            profile.CardReaderReceivePin = -1;
            profile.CardReaderTransmitPin = -1;
            profile.RedLedPin = (9 * 16) + 1;
            profile.GreenLedPin = (9 * 16) + 0;
            profile.UsesWifi = false;
            profile.StorageRoot = "D:\\";
            profile.FirmwareTarget = "ST_STM32F769I_DISCOVERY";
            return profile;
        }
    }
}
