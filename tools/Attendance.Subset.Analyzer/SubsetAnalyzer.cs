using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// Fails the host build of code shared with the board where it uses what .NET nanoFramework compiles but cannot
/// run or deploy. What the board's API lacks (a missing type or member, async, iterators, LINQ, tuples, records,
/// Nullable&lt;T&gt;, Span, unsafe code) is not checked here: the same "dotnet build" compiles the shared code
/// against the real nanoFramework API (build/NanoFrameworkAbsent.targets), and that compile fails on it. What is
/// left is what that compile accepts: generics (the 1.x runtime and metadata processor have none), the metadata
/// processor's limits on attribute arguments, runtime differences (NUL in strings, dates before 1601, custom
/// format specifiers), a few language features that need runtime support, and what hardware-free Core must not
/// use although the board has it (threads, timers, the clock, the console).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SubsetAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SubsetRules.Generics, SubsetRules.NullableTypes, SubsetRules.Dynamic, SubsetRules.RefStruct,
        SubsetRules.CoreBoundary, SubsetRules.LanguageFeature, SubsetRules.FormatString,
        SubsetRules.EnumAttributeArgument, SubsetRules.NullAttributeArgument, SubsetRules.NulInString,
        SubsetRules.DateTimeBeforeBoardMinimum);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();

        context.RegisterSyntaxNodeAction(ReportGenericDeclaration, SyntaxKind.TypeParameterList);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.Generics, c.Node, "'" + c.Node + "'"), SyntaxKind.GenericName);
        context.RegisterSyntaxNodeAction(ReportNullableType, SyntaxKind.NullableType);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.NullableTypes, c.Node, "'#nullable'"),
            SyntaxKind.NullableDirectiveTrivia);
        context.RegisterSyntaxNodeAction(ReportRefStruct, SyntaxKind.StructDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "an 'init' accessor"),
            SyntaxKind.InitAccessorDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "a 'with' expression"),
            SyntaxKind.WithExpression);
        context.RegisterSyntaxNodeAction(ReportInterfaceMemberBody, SyntaxKind.InterfaceDeclaration);
        context.RegisterSyntaxNodeAction(ReportFormatItems, SyntaxKind.InvocationExpression);
        context.RegisterSyntaxNodeAction(ReportInterpolationFormat, SyntaxKind.InterpolationFormatClause);
        context.RegisterSyntaxNodeAction(ReportReferencedSymbol, SyntaxKind.IdentifierName);
        context.RegisterSyntaxNodeAction(ReportImplicitObjectCreation, SyntaxKind.ImplicitObjectCreationExpression);
        context.RegisterSyntaxNodeAction(ReportEnumAttributeArgument, SyntaxKind.AttributeArgument);
        context.RegisterSyntaxNodeAction(ReportNulInString, SyntaxKind.StringLiteralExpression,
            SyntaxKind.InterpolatedStringText, SyntaxKind.CharacterLiteralExpression);
        context.RegisterSyntaxNodeAction(ReportDateTimeBeforeMinimum, SyntaxKind.ObjectCreationExpression);
    }

    private static void ReportGenericDeclaration(SyntaxNodeAnalysisContext context)
    {
        var owner = context.Node.Parent;
        var name = owner switch
        {
            BaseTypeDeclarationSyntax type => "type '" + type.Identifier.Text + "'",
            MethodDeclarationSyntax method => "method '" + method.Identifier.Text + "'",
            LocalFunctionStatementSyntax local => "local function '" + local.Identifier.Text + "'",
            DelegateDeclarationSyntax del => "delegate '" + del.Identifier.Text + "'",
            _ => "this declaration",
        };
        Report(context, SubsetRules.Generics, context.Node, "the " + name);
    }

    /// <summary>
    /// string? and #nullable: the host twin compiles with nullable disabled (an annotation alone is a warning, so
    /// an error there), and the board's mscorlib has no nullable attributes (the compiler would embed its own
    /// into the board assembly). int? needs no rule: the board's mscorlib has no Nullable&lt;T&gt;, so the board
    /// compile fails on it.
    /// </summary>
    private static void ReportNullableType(SyntaxNodeAnalysisContext context)
    {
        var nullable = (NullableTypeSyntax)context.Node;
        var elementType = context.SemanticModel.GetTypeInfo(nullable.ElementType, context.CancellationToken).Type;
        if (elementType == null || !elementType.IsValueType)
        {
            Report(context, SubsetRules.NullableTypes, nullable, "the nullable annotation '" + nullable + "'");
        }
    }

    private static void ReportRefStruct(SyntaxNodeAnalysisContext context)
    {
        var declaration = (StructDeclarationSyntax)context.Node;
        if (declaration.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            Report(context, SubsetRules.RefStruct, declaration.Identifier, "the ref struct '" + declaration.Identifier.Text + "'");
        }
    }

    private static void ReportInterfaceMemberBody(SyntaxNodeAnalysisContext context)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        foreach (var member in declaration.Members)
        {
            var hasBody = member switch
            {
                MethodDeclarationSyntax m => m.Body != null || m.ExpressionBody != null,
                PropertyDeclarationSyntax p => p.ExpressionBody != null
                    || (p.AccessorList?.Accessors.Any(a => a.Body != null || a.ExpressionBody != null) ?? false),
                _ => false,
            };
            var isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword);
            if (hasBody || isStatic)
            {
                Report(context, SubsetRules.LanguageFeature, member,
                    isStatic ? "a static interface member" : "a default interface member");
            }
        }
    }

    /// <summary>
    /// Looks at what every name binds to: 'dynamic' (which compiles against the board's mscorlib as long as no
    /// member is called on it), and what hardware-free Core must not use although the board has it.
    /// </summary>
    private static void ReportReferencedSymbol(SyntaxNodeAnalysisContext context)
    {
        var name = (IdentifierNameSyntax)context.Node;
        if (IsDeclarationName(name))
        {
            return;
        }

        var symbolInfo = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
        var symbol = symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault();
        if (symbol == null)
        {
            return;
        }

        if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic })
        {
            Report(context, SubsetRules.Dynamic, name);
            return;
        }

        var type = symbol as INamedTypeSymbol;
        if (type != null)
        {
            CheckCoreBoundary(context, name, type);
            return;
        }

        if (symbol is IPropertySymbol property && property.ContainingType?.SpecialType == SpecialType.System_DateTime
            && property.Name is "Now" or "Today" or "UtcNow")
        {
            Report(context, SubsetRules.CoreBoundary, name, "'DateTime." + property.Name + "'", "; read the time through IClock (UTC)");
        }
    }

    private static void ReportImplicitObjectCreation(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type is INamedTypeSymbol type)
        {
            CheckCoreBoundary(context, context.Node, type);
        }
    }

    /// <summary>
    /// Types the board has but hardware-free code must not use: Core is driven by its callers (it starts no thread
    /// and no timer) and reports through IEventLog. Shared tests (assemblies named *.Tests; on the board,
    /// NFUnitTest) drive Core the way the board application does, so they may start a Thread.
    /// </summary>
    private static void CheckCoreBoundary(SyntaxNodeAnalysisContext context, SyntaxNode node, INamedTypeSymbol type)
    {
        var name = type.ContainingNamespace?.ToDisplayString() + "." + type.MetadataName;
        switch (name)
        {
            case "System.Threading.Thread":
                if (!IsTestAssembly(context.Compilation))
                {
                    Report(context, SubsetRules.CoreBoundary, node, "'Thread'", "; Core is driven by its callers, it starts no threads");
                }

                return;
            case "System.Threading.Timer":
                Report(context, SubsetRules.CoreBoundary, node, "'Timer'", "; Core is driven by its callers and IClock");
                return;
            case "System.Console":
                Report(context, SubsetRules.CoreBoundary, node, "'Console'", "; report through IEventLog");
                return;
        }
    }

    private static bool IsTestAssembly(Compilation compilation) =>
        compilation.AssemblyName is { } name && (name.EndsWith(".Tests", System.StringComparison.Ordinal) || name == "NFUnitTest");

    /// <summary>
    /// A NUL in a string literal, or a NUL char joined to a string: the board stores strings as NUL-terminated
    /// UTF-8 (nf-interpreter CLR_RT_HeapBlock_String), so everything from the NUL on is lost. Found on the POSIX
    /// nanoCLR: "\0" + user + "\0" + password became user + password in SMTP AUTH PLAIN.
    /// </summary>
    private static void ReportNulInString(SyntaxNodeAnalysisContext context)
    {
        SyntaxNode node = context.Node;
        if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.CharacterLiteralExpression))
        {
            if (literal.Token.Value is char c && c == '\0' && JoinsAString(context, literal))
            {
                Report(context, SubsetRules.NulInString, node, "the char '" + literal.Token.Text + "'");
            }

            return;
        }

        string text = node is InterpolatedStringTextSyntax part ? part.TextToken.ValueText
            : ((LiteralExpressionSyntax)node).Token.ValueText;
        if (text.IndexOf('\0') >= 0)
        {
            Report(context, SubsetRules.NulInString, node, "the string literal");
        }
    }

    /// <summary>True when the char is concatenated to a string or passed to a StringBuilder.</summary>
    private static bool JoinsAString(SyntaxNodeAnalysisContext context, ExpressionSyntax expression)
    {
        SyntaxNode? parent = expression.Parent;
        if (parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression))
        {
            var type = context.SemanticModel.GetTypeInfo(binary, context.CancellationToken).Type;
            return type != null && type.SpecialType == SpecialType.System_String;
        }

        if (parent is ArgumentSyntax && parent.Parent?.Parent is InvocationExpressionSyntax invocation
            && context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method)
        {
            // Searching a string for '\0' (IndexOf) is harmless; only building text with it loses data.
            return method.ContainingType?.ToDisplayString() == "System.Text.StringBuilder";
        }

        return false;
    }

    /// <summary>
    /// new DateTime(ticks) or new DateTime(year, ...) with constants before 1601-01-01: the board's DateTime starts
    /// there (CoreLibrary DateTime.MinTicks = 504911232000000000) and its constructor throws below it, where the
    /// host accepts anything from year 1. Found on the POSIX nanoCLR: new DateTime(0) for a roll not yet closed.
    /// </summary>
    private static void ReportDateTimeBeforeMinimum(SyntaxNodeAnalysisContext context)
    {
        var creation = (ObjectCreationExpressionSyntax)context.Node;
        if (creation.ArgumentList == null || creation.ArgumentList.Arguments.Count == 0)
        {
            return;
        }

        var type = context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type;
        if (type == null || type.SpecialType != SpecialType.System_DateTime)
        {
            return;
        }

        var first = context.SemanticModel.GetConstantValue(creation.ArgumentList.Arguments[0].Expression, context.CancellationToken);
        if (!first.HasValue || first.Value == null)
        {
            return;
        }

        long value = System.Convert.ToInt64(first.Value, System.Globalization.CultureInfo.InvariantCulture);
        bool ticks = creation.ArgumentList.Arguments.Count == 1
            || (creation.ArgumentList.Arguments.Count == 2 && first.Value is long);
        if (ticks ? value < BoardMinimumTicks : value < 1601)
        {
            Report(context, SubsetRules.DateTimeBeforeBoardMinimum, creation, "'" + creation + "'");
        }
    }

    /// <summary>Ticks of 1601-01-01T00:00:00, the board's DateTime.MinValue.</summary>
    private const long BoardMinimumTicks = 504911232000000000;

    private static void ReportFormatItems(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Format" }
            || invocation.ArgumentList.Arguments.Count == 0)
        {
            return;
        }

        var method = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol as IMethodSymbol;
        if (method == null || method.ContainingType?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        var constant = context.SemanticModel.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression, context.CancellationToken);
        if (!constant.HasValue || constant.Value is not string format)
        {
            return;
        }

        foreach (var specifier in FormatStrings.CustomSpecifiers(format))
        {
            Report(context, SubsetRules.FormatString, invocation.ArgumentList.Arguments[0], specifier);
        }
    }

    private static void ReportInterpolationFormat(SyntaxNodeAnalysisContext context)
    {
        var clause = (InterpolationFormatClauseSyntax)context.Node;
        var specifier = clause.FormatStringToken.ValueText;
        if (!FormatStrings.IsStandardSpecifier(specifier))
        {
            Report(context, SubsetRules.FormatString, clause, specifier);
        }
    }

    private static bool IsDeclarationName(SimpleNameSyntax name)
    {
        // Names after "namespace" or in a using directive are not references to check as types.
        return name.Parent is NameSyntax { Parent: BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax }
            || name.Parent is BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax;
    }

    // The nanoFramework metadata processor (nanoSignaturesTable.WriteAttributeArgumentValue) writes a custom
    // attribute argument only when its type is a primitive, string, System.Type or object[]; an enum-typed one
    // (also each enum inside [DataRow]'s params object[]) is silently left out, so the stored blob is short and
    // GetCustomAttributes throws on the board. Seen on the nanoCLR: the unit-test launcher stops at the first
    // such method and runs no test after it. Flags any argument expression whose type is an enum.
    private static void ReportEnumAttributeArgument(SyntaxNodeAnalysisContext context)
    {
        var argument = (AttributeArgumentSyntax)context.Node;
        var type = context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).Type;
        if (type is { TypeKind: TypeKind.Enum })
        {
            Report(context, SubsetRules.EnumAttributeArgument, argument.Expression, argument.Expression.ToString(), type.Name);
        }

        // A null argument (string or object) makes the metadata processor look the null up as a string and
        // throw (ArgumentNullException in nanoStringTable.GetOrCreateStringId): the board build fails.
        var constant = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
        if (constant.HasValue && constant.Value == null)
        {
            Report(context, SubsetRules.NullAttributeArgument, argument.Expression);
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxNode node, params object[] arguments)
    {
        context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), arguments));
    }

    private static void Report(SyntaxNodeAnalysisContext context, DiagnosticDescriptor rule, SyntaxToken token, params object[] arguments)
    {
        context.ReportDiagnostic(Diagnostic.Create(rule, token.GetLocation(), arguments));
    }
}
