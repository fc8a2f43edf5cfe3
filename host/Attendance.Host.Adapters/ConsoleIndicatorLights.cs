using Attendance.Core.Hardware;

namespace Attendance.Host.Adapters;

/// <summary>
/// The two LEDs drawn in the console (coloured when the console supports it) and kept as a timeline of
/// changes with their times, which the demo prints and the end-to-end tests read.
/// </summary>
public sealed class ConsoleIndicatorLights : IIndicatorLights
{
    private readonly TextWriter? writer;
    private readonly IClock clock;
    private readonly bool colour;
    private readonly List<LightChange> timeline = new();
    private readonly object gate = new();
    private bool red;
    private bool green;
    private bool any;

    public ConsoleIndicatorLights(TextWriter? writer, IClock clock, bool colour)
    {
        this.writer = writer;
        this.clock = clock;
        this.colour = colour;
    }

    public void Set(bool redOn, bool greenOn)
    {
        lock (gate)
        {
            if (any && redOn == red && greenOn == green)
            {
                return;
            }

            any = true;
            red = redOn;
            green = greenOn;
            var change = new LightChange(clock.UtcNow, clock.MonotonicMilliseconds, redOn, greenOn);
            timeline.Add(change);
            writer?.WriteLine(Render(change, colour));
            writer?.Flush();
        }
    }

    /// <summary>Every change so far, oldest first.</summary>
    public IReadOnlyList<LightChange> Timeline
    {
        get
        {
            lock (gate)
            {
                return timeline.ToArray();
            }
        }
    }

    public static string Render(LightChange change, bool colour)
    {
        var redLamp = change.Red ? (colour ? "\u001b[1;31m●\u001b[0m" : "●") : "○";
        var greenLamp = change.Green ? (colour ? "\u001b[1;32m●\u001b[0m" : "●") : "○";
        return string.Format("{0:HH:mm:ss.fff}  red {1}  green {2}", change.UtcTime, redLamp, greenLamp);
    }
}

/// <summary>One change of the LEDs.</summary>
public sealed record LightChange(DateTime UtcTime, long MonotonicMilliseconds, bool Red, bool Green);
