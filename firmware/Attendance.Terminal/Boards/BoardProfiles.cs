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
        /// ESP32-DevKitC (ESP32-WROOM-32E) on Wi-Fi. UART2 on GPIO16 (RX2) and GPIO17 (TX2), the pins the DevKitC
        /// silkscreen labels; LEDs on GPIO25 and GPIO26, which have no boot-strapping role (ESP32 datasheet,
        /// section 2.4 "Strapping Pins": GPIO0, 2, 5, 12, 15).
        /// </summary>
        public static BoardProfile Esp32DevKitWifi()
        {
            var profile = new BoardProfile();
            profile.Name = "esp32-devkit-wifi";
            profile.CardReaderPortName = "COM2";
            profile.CardReaderReceivePin = 16;
            profile.CardReaderTransmitPin = 17;
            profile.RedLedPin = 25;
            profile.GreenLedPin = 26;
            profile.UsesWifi = true;
            profile.StorageRoot = "I:\\";
            profile.FirmwareTarget = "ESP32_REV3";
            return profile;
        }

        /// <summary>
        /// Olimex ESP32-POE (LAN8720 Ethernet, powered over the cable). The RMII bus takes GPIO 17-27 except 20/24,
        /// and GPIO12 powers the PHY, so the reader uses the UEXT connector's UART pins (UEXT 4 RXD = GPIO36,
        /// input only; UEXT 3 TXD = GPIO4) and the LEDs UEXT 6 (GPIO13) and UEXT 9 (GPIO14) (ESP32-POE schematic).
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
            profile.FirmwareTarget = "ESP32_OLIMEX";
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
