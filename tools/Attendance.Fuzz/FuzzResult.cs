namespace Attendance.Fuzz;

/// <summary>What a run of one target found: unexpected exception types (count, first input), hangs, lost rolls.</summary>
public sealed class FuzzResult
{
    private readonly object gate = new();

    public FuzzResult(string target)
    {
        Target = target;
    }

    public string Target { get; }

    public int Inputs;

    public int ExpectedRejections;

    /// <summary>Inputs after which a valid roll no longer went out (targets that model stored data).</summary>
    public int ValidRollLost;

    public int ValidRollChecked;

    public int? FirstValidRollLostIndex;

    /// <summary>The first input after which the valid roll was lost although the parser itself raised nothing unexpected.</summary>
    public int? FirstValidRollLostQuietlyIndex;

    public TimeSpan Elapsed;

    /// <summary>Unexpected exception type (and where it was thrown) → count and the lowest input index.</summary>
    public SortedDictionary<string, Finding> Unexpected { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, double> Hangs { get; } = new();

    public sealed class Finding
    {
        public int Count;
        public int FirstIndex = int.MaxValue;
        public string FirstMessage = "";
    }

    public void AddUnexpected(Exception exception, int index)
    {
        string key = exception.GetType().Name + " at " + ThrowSite(exception);
        lock (gate)
        {
            if (!Unexpected.TryGetValue(key, out var finding))
            {
                finding = new Finding();
                Unexpected[key] = finding;
            }

            finding.Count++;
            if (index < finding.FirstIndex)
            {
                finding.FirstIndex = index;
                finding.FirstMessage = exception.Message;
            }
        }
    }

    public void AddHang(int index, double seconds)
    {
        lock (gate)
        {
            Hangs[index] = seconds;
        }
    }

    public void AddValidRollCheck(bool wentOut, int index, bool parserFailed)
    {
        lock (gate)
        {
            ValidRollChecked++;
            if (!wentOut)
            {
                ValidRollLost++;
                if (FirstValidRollLostIndex == null || index < FirstValidRollLostIndex)
                {
                    FirstValidRollLostIndex = index;
                }

                if (!parserFailed && (FirstValidRollLostQuietlyIndex == null || index < FirstValidRollLostQuietlyIndex))
                {
                    FirstValidRollLostQuietlyIndex = index;
                }
            }
        }
    }

    public int UnexpectedCount => Unexpected.Values.Sum(finding => finding.Count);

    public bool Clean => Unexpected.Count == 0 && Hangs.Count == 0 && ValidRollLost == 0;

    /// <summary>The method that threw: the top frame of the stack, without arguments.</summary>
    private static string ThrowSite(Exception exception)
    {
        var frame = new System.Diagnostics.StackTrace(exception, false).GetFrames().FirstOrDefault(f => f.GetMethod() != null);
        var method = frame?.GetMethod();
        return method == null ? "?" : method.DeclaringType?.Name + "." + method.Name;
    }
}
