using Microsoft.CodeAnalysis;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// The diagnostics of the nanoFramework subset gate. Every rule is an error: shared code that breaks one compiles
/// against the board's API but would not deploy or run right on the board, or breaks the Core boundary. Retired
/// ids (the board compile of the same "dotnet build" catches what they caught, docs/subset.md): NANO002 async,
/// NANO003 iterators, NANO004 LINQ, NANO005 tuples, NANO006 records, NANO010 unsafe code; NANO009 and NANO011
/// keep only their part that compile cannot see.
/// </summary>
public static class SubsetRules
{
    private const string Category = "nanoFramework.Subset";
    private const string HelpLink = "docs/subset.md";

    public static readonly DiagnosticDescriptor Generics = Rule(
        "NANO001", "Generic type or method",
        "nanoFramework subset: {0} is generic; the board's runtime and metadata processor (mscorlib 1.x) have no generics (use ArrayList, Hashtable or arrays)");

    public static readonly DiagnosticDescriptor NullableTypes = Rule(
        "NANO007", "Nullable annotation",
        "nanoFramework subset: {0} needs nullable metadata the board's mscorlib lacks, and shared code compiles with nullable disabled (use a flag or a sentinel value)");

    public static readonly DiagnosticDescriptor Dynamic = Rule(
        "NANO008", "dynamic",
        "nanoFramework subset: 'dynamic' needs the dynamic language runtime, which the board lacks (use types)");

    public static readonly DiagnosticDescriptor RefStruct = Rule(
        "NANO009", "ref struct",
        "nanoFramework subset: {0} compiles against the board's mscorlib, which has no by-ref-like types (no IsByRefLikeAttribute; its SpanByte is an ordinary struct): use a class, or byte[] with offset and count");

    public static readonly DiagnosticDescriptor CoreBoundary = Rule(
        "NANO011", "Not for hardware-free Core",
        "nanoFramework subset: {0} is not available to shared code{1}");

    public static readonly DiagnosticDescriptor LanguageFeature = Rule(
        "NANO012", "Language feature the board cannot run",
        "nanoFramework subset: {0} compiles against the board's mscorlib but needs runtime support the board lacks");

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
