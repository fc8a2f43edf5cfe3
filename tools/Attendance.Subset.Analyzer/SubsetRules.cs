using Microsoft.CodeAnalysis;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// The diagnostics of the nanoFramework subset gate. Every rule is an error: shared code that breaks one
/// would not compile, or not run, on the board.
/// </summary>
public static class SubsetRules
{
    private const string Category = "nanoFramework.Subset";
    private const string HelpLink = "docs/subset.md";

    public static readonly DiagnosticDescriptor Generics = Rule(
        "NANO001", "Generic type or method",
        "nanoFramework subset: {0} is generic; the board runtime has no generics (use ArrayList, Hashtable or arrays)");

    public static readonly DiagnosticDescriptor AsyncAwait = Rule(
        "NANO002", "async/await",
        "nanoFramework subset: {0} needs System.Threading.Tasks, which the board lacks (use a thread or a step function)");

    public static readonly DiagnosticDescriptor Iterators = Rule(
        "NANO003", "Iterator",
        "nanoFramework subset: '{0}' makes an iterator; the board cannot run compiler-generated iterators (return an array or ArrayList)");

    public static readonly DiagnosticDescriptor Linq = Rule(
        "NANO004", "LINQ",
        "nanoFramework subset: {0} uses LINQ, which the board lacks (write the loop)");

    public static readonly DiagnosticDescriptor Tuples = Rule(
        "NANO005", "Tuple",
        "nanoFramework subset: {0} needs System.ValueTuple, which the board lacks (use a small class)");

    public static readonly DiagnosticDescriptor Records = Rule(
        "NANO006", "Record",
        "nanoFramework subset: record '{0}' needs generic equality support the board lacks (use a class)");

    public static readonly DiagnosticDescriptor NullableTypes = Rule(
        "NANO007", "Nullable type or annotation",
        "nanoFramework subset: {0} needs Nullable<T> or nullable metadata the board lacks (use a flag or a sentinel value)");

    public static readonly DiagnosticDescriptor Dynamic = Rule(
        "NANO008", "dynamic",
        "nanoFramework subset: 'dynamic' needs the dynamic language runtime, which the board lacks");

    public static readonly DiagnosticDescriptor SpanAndMemory = Rule(
        "NANO009", "Span, Memory, stackalloc, ref struct",
        "nanoFramework subset: {0} is not available on the board (use byte[] with offset and count)");

    public static readonly DiagnosticDescriptor Unsafe = Rule(
        "NANO010", "unsafe code",
        "nanoFramework subset: {0} is unsafe code, which the board does not run");

    public static readonly DiagnosticDescriptor MissingApi = Rule(
        "NANO011", "API the board lacks",
        "nanoFramework subset: {0} is not available to shared code on the board{1}");

    public static readonly DiagnosticDescriptor LanguageFeature = Rule(
        "NANO012", "Language feature the board cannot run",
        "nanoFramework subset: {0} needs runtime support the board lacks");

    public static readonly DiagnosticDescriptor FormatString = Rule(
        "NANO013", "Format specifier",
        "nanoFramework subset: format item '{0}' uses a custom format; use a standard specifier such as D2, X2, N0 or F1, or build the text by hand");

    public static readonly DiagnosticDescriptor EnumAttributeArgument = Rule(
        "NANO014", "Enum-typed attribute argument",
        "nanoFramework subset: attribute argument '{0}' has the enum type {1}; the board's metadata processor stores no value for it and reading the attribute throws on the board (pass the (int) value and cast back in the method)");

    public static readonly DiagnosticDescriptor NullAttributeArgument = Rule(
        "NANO015", "null attribute argument",
        "nanoFramework subset: attribute argument 'null' cannot be stored by the board's metadata processor, which fails the board build (write a separate test method without [DataRow])");

    public static readonly DiagnosticDescriptor NulInString = Rule(
        "NANO016", "NUL character in a string",
        "nanoFramework subset: {0} puts a NUL character into a string; board strings are NUL-terminated UTF-8, so the text is cut at the NUL (build a byte[] with explicit 0 bytes instead)");

    public static readonly DiagnosticDescriptor DateTimeBeforeBoardMinimum = Rule(
        "NANO017", "DateTime before the board's minimum",
        "nanoFramework subset: {0} is before 1601-01-01, the board's DateTime.MinValue; the board's DateTime constructor throws ArgumentOutOfRangeException (use DateTime.MinValue as the 'not set' value)");

    private static DiagnosticDescriptor Rule(string id, string title, string message)
    {
        return new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error,
            isEnabledByDefault: true, helpLinkUri: HelpLink);
    }
}
