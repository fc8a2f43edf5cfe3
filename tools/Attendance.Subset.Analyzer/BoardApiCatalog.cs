using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// What the board's base class library lacks, written down by hand from the public nanoFramework API
/// (CoreLibrary, System.Collections, System.Text). It is a deny list for namespaces and whole types, and an
/// allow list of member names for the few core types whose host and board surfaces differ most
/// (string, char, DateTime, Array, Enum), because there the host offers many tempting overloads.
/// </summary>
internal static class BoardApiCatalog
{
    /// <summary>Namespaces whose every type is missing on the board or forbidden in hardware-free Core code.</summary>
    private static readonly (string Namespace, string Advice)[] DeniedNamespaces =
    {
        ("System.Collections.Generic", "; use ArrayList or Hashtable"),
        ("System.Collections.Concurrent", "; use ArrayList with lock"),
        ("System.Collections.Immutable", "; use arrays"),
        ("System.Collections.ObjectModel", "; use ArrayList"),
        ("System.Linq", "; write the loop"),
        ("System.Threading.Tasks", "; use a thread or a step function"),
        ("System.Text.RegularExpressions", "; parse by hand"),
        ("System.Globalization", "; Core formats text by hand, culture-free"),
        ("System.Buffers", "; use byte[]"),
        ("System.Reflection.Emit", ""),
        ("System.Runtime.InteropServices", ""),
        ("System.Net", "; networking belongs behind INetworkConnector"),
        ("System.IO.Ports", "; the UART belongs behind ICardReaderPort"),
        ("System.Security.Cryptography", "; use Core's own implementation"),
        ("System.Xml", ""),
        ("System.Text.Json", ""),
    };

    /// <summary>Single types that are missing on the board or must not be used by hardware-free code.</summary>
    private static readonly Dictionary<string, string> DeniedTypes = new(StringComparer.Ordinal)
    {
        ["System.TimeZoneInfo"] = "; the board has no time zones, apply a configured UTC offset",
        ["System.DateTimeOffset"] = "; use UTC DateTime and a configured offset",
        ["System.Decimal"] = "; use int or long in the smallest unit",
        ["System.Environment"] = "",
        ["System.Buffer"] = "; use Array.Copy",
        ["System.StringComparison"] = "; compare ordinally with == or normalise case first",
        ["System.StringComparer"] = "",
        ["System.StringSplitOptions"] = "; split on char[] and skip empty parts by hand",
        ["System.Console"] = "; report through IEventLog",
        ["System.Diagnostics.Stopwatch"] = "; use IClock.MonotonicMilliseconds",
        ["System.Diagnostics.Process"] = "",
        ["System.IO.File"] = "; storage belongs behind IDurableStore",
        ["System.IO.FileInfo"] = "; storage belongs behind IDurableStore",
        ["System.IO.Directory"] = "; storage belongs behind IDurableStore",
        ["System.IO.DirectoryInfo"] = "; storage belongs behind IDurableStore",
        ["System.IO.Path"] = "; storage belongs behind IDurableStore",
        ["System.IO.FileStream"] = "; storage belongs behind IDurableStore",
        ["System.IO.StreamReader"] = "",
        ["System.IO.StreamWriter"] = "",
        ["System.IO.BinaryReader"] = "",
        ["System.IO.BinaryWriter"] = "",
        ["System.Threading.Thread"] = "; Core is driven by its callers, it starts no threads",
        ["System.Threading.Timer"] = "; Core is driven by its callers and IClock",
        ["System.Index"] = "; use explicit indexes",
        ["System.Range"] = "; use Substring or Array.Copy",
        ["System.Tuple"] = "",
        ["System.Lazy`1"] = "",
        ["System.Text.Rune"] = "; decode UTF-8 by hand",
        ["System.Text.CompositeFormat"] = "",
    };

    /// <summary>Members (by name) that exist on the board for these core types; anything else is flagged.</summary>
    private static readonly Dictionary<string, HashSet<string>> AllowedMembers = new(StringComparer.Ordinal)
    {
        ["System.String"] = Names(
            ".ctor", "Empty", "Length", "Chars", "Equals", "GetHashCode", "GetEnumerator", "op_Equality",
            "op_Inequality", "ToCharArray", "Split", "Substring", "Trim", "TrimStart", "TrimEnd", "Compare",
            "CompareTo", "IndexOf", "IndexOfAny", "LastIndexOf", "LastIndexOfAny", "ToLower", "ToUpper",
            "ToString", "Concat", "Intern", "IsInterned", "Format", "PadLeft", "PadRight", "IsNullOrEmpty",
            "Contains", "StartsWith", "EndsWith"),
        ["System.Char"] = Names("MaxValue", "MinValue", "ToString", "Equals", "GetHashCode", "CompareTo"),
        ["System.DateTime"] = Names(
            ".ctor", "MinValue", "MaxValue", "UnixEpoch", "Add", "AddDays", "AddHours", "AddMilliseconds",
            "AddMinutes", "AddSeconds", "AddTicks", "Compare", "CompareTo", "DaysInMonth", "Equals", "Kind",
            "Subtract", "ToString", "GetHashCode", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Millisecond",
            "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year", "op_Addition", "op_Subtraction",
            "op_Equality", "op_Inequality", "op_LessThan", "op_LessThanOrEqual", "op_GreaterThan",
            "op_GreaterThanOrEqual"),
        ["System.Array"] = Names(
            "CreateInstance", "Copy", "Clear", "GetValue", "SetValue", "Clone", "BinarySearch", "CopyTo",
            "GetEnumerator", "IndexOf", "Length"),
        ["System.Enum"] = Names("HasFlag", "ToString", "Equals", "GetHashCode", "CompareTo"),
    };

    /// <summary>Parameter types that mark a host-only overload (the board has only culture-free overloads).</summary>
    private static readonly HashSet<string> HostOnlyParameterTypes = Names(
        "System.IFormatProvider", "System.StringComparison", "System.StringSplitOptions",
        "System.Globalization.CultureInfo", "System.Globalization.NumberStyles",
        "System.Globalization.DateTimeStyles", "System.Globalization.CompareOptions", "System.ReadOnlySpan`1",
        "System.Span`1");

    /// <summary>Host overloads that take a single char where the board only takes a string.</summary>
    private static readonly HashSet<string> StringMethodsWithoutCharOverload = Names("Contains", "StartsWith", "EndsWith");

    public static string? FindDeniedNamespace(INamespaceSymbol? containingNamespace, out string advice)
    {
        advice = "";
        if (containingNamespace == null || containingNamespace.IsGlobalNamespace)
        {
            return null;
        }

        var name = containingNamespace.ToDisplayString();
        foreach (var (denied, deniedAdvice) in DeniedNamespaces)
        {
            if (name == denied || name.StartsWith(denied + ".", StringComparison.Ordinal))
            {
                advice = deniedAdvice;
                return denied;
            }
        }

        return null;
    }

    /// <summary>
    /// Denied types the board has but Core must not use, which shared tests may: System.Threading.Thread exists in
    /// nanoFramework's mscorlib, and a test starts the network worker's thread as the board application does.
    /// </summary>
    private static readonly HashSet<string> AllowedInTests = Names("System.Threading.Thread");

    public static bool IsAllowedInTests(INamedTypeSymbol type) => AllowedInTests.Contains(MetadataName(type.OriginalDefinition));

    public static bool IsDeniedType(INamedTypeSymbol type, out string advice)
    {
        var metadataName = MetadataName(type.OriginalDefinition);
        return DeniedTypes.TryGetValue(metadataName, out advice!);
    }

    /// <summary>
    /// Checks one referenced member of a core type. Returns a reason when the board lacks it; null when fine.
    /// </summary>
    public static string? CheckMember(ISymbol member)
    {
        var containingType = member.ContainingType;
        if (containingType == null)
        {
            return null;
        }

        var typeName = MetadataName(containingType.OriginalDefinition);
        if (typeName == "System.DateTime" && member.Name is "Now" or "Today" or "UtcNow")
        {
            return "; read the time through IClock (UTC)";
        }

        if (AllowedMembers.TryGetValue(typeName, out var allowed) && !allowed.Contains(member.Name))
        {
            return "";
        }

        if (member is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                // An optional host-only parameter left out (s.Split('|') binds to Split(char, options = None))
                // compiles on the board against its own overload; passing it explicitly names the denied type.
                if (!parameter.IsOptional && HostOnlyParameterTypes.Contains(MetadataName(parameter.Type.OriginalDefinition)))
                {
                    return " (the board has no overload taking " + parameter.Type.Name + ")";
                }
            }

            if (typeName == "System.String" && StringMethodsWithoutCharOverload.Contains(method.Name)
                && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_Char)
            {
                return " (the board only has the overload taking a string)";
            }
        }

        return null;
    }

    public static string MetadataName(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named)
        {
            var prefix = named.ContainingType != null
                ? MetadataName(named.ContainingType) + "+"
                : named.ContainingNamespace == null || named.ContainingNamespace.IsGlobalNamespace
                    ? ""
                    : named.ContainingNamespace.ToDisplayString() + ".";
            return prefix + named.MetadataName;
        }

        return type.ToDisplayString();
    }

    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.Ordinal);
}
