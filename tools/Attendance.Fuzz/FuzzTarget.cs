namespace Attendance.Fuzz;

/// <summary>
/// One parser under test: valid samples made by the real writers, a way to run one input through the parser
/// (and whatever reads its result, so a bad value that parses is also exercised), and the exception types the
/// parser documents for bad input. Anything else it throws is a fault.
/// </summary>
public abstract class FuzzTarget
{
    public abstract string Name { get; }

    /// <summary>Valid inputs produced by the code that writes them; the mutator starts from these.</summary>
    public abstract byte[][] Samples { get; }

    /// <summary>Exception types this parser documents for bad input (a clean rejection). Empty: it must never throw.</summary>
    public virtual Type[] ExpectedExceptions => [];

    /// <summary>
    /// Optional repair after a mutation so more inputs get past an outer check to the parser behind it (a CRC
    /// recomputed, an end marker restored). Called on about half of the mutated inputs.
    /// </summary>
    public virtual byte[] Repair(byte[] input, Random random) => input;

    /// <summary>Runs one input. Throws whatever the parser throws.</summary>
    public abstract void Run(byte[] input);

    /// <summary>
    /// Whether a valid roll still goes out after this input (for targets that model stored data); null when the
    /// target does not check it. Called after <see cref="Run"/>, whether or not Run threw.
    /// </summary>
    public virtual bool? ValidRollStillGoesOut(byte[] input) => null;

    public bool IsExpected(Exception exception) => ExpectedExceptions.Any(type => type.IsInstanceOfType(exception));
}
