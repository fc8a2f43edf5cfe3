using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Remembers what the LEDs show and how often they were switched.</summary>
    public class FakeIndicatorLights : IIndicatorLights
    {
        public bool RedOn { get; private set; }

        public bool GreenOn { get; private set; }

        /// <summary>Number of calls to <see cref="Set"/>.</summary>
        public int SetCount { get; private set; }

        /// <summary>What is lit as one word: "off", "red", "green" or "both".</summary>
        public string Lit
        {
            get
            {
                if (RedOn)
                {
                    return GreenOn ? "both" : "red";
                }

                return GreenOn ? "green" : "off";
            }
        }

        public void Set(bool redOn, bool greenOn)
        {
            RedOn = redOn;
            GreenOn = greenOn;
            SetCount++;
        }
    }
}
