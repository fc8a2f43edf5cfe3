using System.Device.Gpio;
using Attendance.Core.Hardware;

namespace Attendance.Terminal.Adapters
{
    /// <summary>
    /// The red and green LEDs on two GPIO outputs. Active-high when each LED (with its resistor) goes from the pin to
    /// ground; active-low when it goes from 3.3 V to the pin (the pin sinks the current).
    /// </summary>
    public sealed class GpioIndicatorLights : IIndicatorLights
    {
        private readonly GpioPin _red;
        private readonly GpioPin _green;
        private readonly bool _activeHigh;

        public GpioIndicatorLights(GpioController controller, int redPin, int greenPin, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _red = controller.OpenPin(redPin, PinMode.Output);
            _green = controller.OpenPin(greenPin, PinMode.Output);
            Set(false, false);
        }

        public void Set(bool redOn, bool greenOn)
        {
            _red.Write(Level(redOn));
            _green.Write(Level(greenOn));
        }

        private PinValue Level(bool on)
        {
            return on == _activeHigh ? PinValue.High : PinValue.Low;
        }
    }
}
