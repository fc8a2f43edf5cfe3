namespace Attendance.Bench.Memory;

/// <summary>
/// The baseline: what one would write first on a PC. The framer lends the code as characters, so the naive
/// roll makes a string for every swipe, duplicates included.
/// </summary>
internal sealed class NaiveRoll
{
    private readonly List<(string Code, DateTime Time)> swipes = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly int capacity;

    public NaiveRoll(int capacity)
    {
        this.capacity = capacity;
    }

    public int Count => swipes.Count;

    public bool Swipe(char[] code, int length, DateTime now)
    {
        string text = new(code, 0, length);
        if (seen.Contains(text) || swipes.Count == capacity)
        {
            return false;
        }

        seen.Add(text);
        swipes.Add((text, now));
        return true;
    }
}
