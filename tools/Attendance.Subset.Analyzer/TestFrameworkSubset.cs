using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// The part of the test API that MSTest and nanoFramework.TestFramework share, so a test file written once
/// compiles against either. Checked by name because the two frameworks declare different overloads.
/// </summary>
internal static class TestFrameworkSubset
{
    private const string MSTestNamespace = "Microsoft.VisualStudio.TestTools.UnitTesting";

    private static readonly HashSet<string> SharedTypes = new(StringComparer.Ordinal)
    {
        "TestClassAttribute", "TestMethodAttribute", "DataRowAttribute", "Assert",
    };

    private static readonly HashSet<string> SharedAssertMethods = new(StringComparer.Ordinal)
    {
        "AreEqual", "AreNotEqual", "IsTrue", "IsFalse", "IsNull", "IsNotNull", "AreSame", "AreNotSame",
    };

    public static bool IsTestFrameworkSymbol(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        return type != null && type.ContainingNamespace?.ToDisplayString() == MSTestNamespace;
    }

    public static bool IsShared(ISymbol symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type == null || !SharedTypes.Contains(type.Name))
        {
            return false;
        }

        if (symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && type.Name == "Assert")
        {
            return SharedAssertMethods.Contains(method.Name);
        }

        return true;
    }
}
