namespace Attendance.Core.Hardware
{
    /// <summary>The two LEDs beside the card reader. Implementations only switch pins; patterns live in Signals.</summary>
    public interface IIndicatorLights
    {
        /// <summary>Switches both LEDs at once so a pattern never shows a half-updated state.</summary>
        void Set(bool redOn, bool greenOn);
    }
}
