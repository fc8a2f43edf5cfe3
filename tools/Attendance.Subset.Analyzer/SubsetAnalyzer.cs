using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attendance.Subset.Analyzer;

/// <summary>
/// Fails the host build of code shared with the board wherever it uses what .NET nanoFramework cannot compile
/// or run. Syntax checks catch language features; semantic checks catch generic and missing APIs even when
/// the source does not spell them out (an inferred generic call, a property whose type is generic).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SubsetAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SubsetRules.Generics, SubsetRules.AsyncAwait, SubsetRules.Iterators, SubsetRules.Linq, SubsetRules.Tuples,
        SubsetRules.Records, SubsetRules.NullableTypes, SubsetRules.Dynamic, SubsetRules.SpanAndMemory,
        SubsetRules.Unsafe, SubsetRules.MissingApi, SubsetRules.LanguageFeature, SubsetRules.FormatString,
        SubsetRules.EnumAttributeArgument, SubsetRules.NullAttributeArgument, SubsetRules.NulInString,
        SubsetRules.DateTimeBeforeBoardMinimum);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();

        context.RegisterSyntaxNodeAction(ReportGenericDeclaration, SyntaxKind.TypeParameterList);
        context.RegisterSyntaxNodeAction(ReportAsync, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.AsyncAwait, c.Node.GetFirstToken(), "'await'"),
            SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(ReportYield, SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.Linq, c.Node, "a query expression"),
            SyntaxKind.QueryExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.Tuples, c.Node, "the tuple '" + c.Node + "'"),
            SyntaxKind.TupleType, SyntaxKind.TupleExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.Tuples, c.Node, "the deconstruction '" + c.Node + "'"),
            SyntaxKind.ParenthesizedVariableDesignation);
        context.RegisterSyntaxNodeAction(ReportRecord, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        context.RegisterSyntaxNodeAction(ReportNullableType, SyntaxKind.NullableType);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.NullableTypes, c.Node, "'#nullable'"),
            SyntaxKind.NullableDirectiveTrivia);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.SpanAndMemory, c.Node, "stackalloc"),
            SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.Unsafe, c.Node, "'" + FirstLine(c.Node) + "'"),
            SyntaxKind.PointerType, SyntaxKind.FixedStatement, SyntaxKind.UnsafeStatement, SyntaxKind.AddressOfExpression,
            SyntaxKind.PointerIndirectionExpression, SyntaxKind.FunctionPointerType);
        context.RegisterSyntaxNodeAction(ReportUnsafeModifier, SyntaxKind.MethodDeclaration, SyntaxKind.ClassDeclaration,
            SyntaxKind.StructDeclaration, SyntaxKind.FieldDeclaration, SyntaxKind.ConstructorDeclaration,
            SyntaxKind.PropertyDeclaration, SyntaxKind.LocalFunctionStatement);
        context.RegisterSyntaxNodeAction(ReportRefStruct, SyntaxKind.StructDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "an index from the end ('^')"),
            SyntaxKind.IndexExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "a range ('..')"),
            SyntaxKind.RangeExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "a collection expression"),
            SyntaxKind.CollectionExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "an 'init' accessor"),
            SyntaxKind.InitAccessorDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, SubsetRules.LanguageFeature, c.Node, "a 'with' expression"),
            SyntaxKind.WithExpression);
        context.RegisterSyntaxNodeAction(ReportInterfaceMemberBody, SyntaxKind.InterfaceDeclaration);
        context.RegisterSyntaxNodeAction(ReportRequiredMember, SyntaxKind.PropertyDeclaration, SyntaxKind.FieldDeclaration);
        context.RegisterSyntaxNodeAction(ReportPredefinedType, SyntaxKind.PredefinedType);
        context.RegisterSyntaxNodeAction(ReportUsingDirective, SyntaxKind.UsingDirective);
        context.RegisterSyntaxNodeAction(ReportFormatItems, SyntaxKind.InvocationExpression);
        context.RegisterSyntaxNodeAction(ReportInterpolationFormat, SyntaxKind.InterpolationFormatClause);
        context.RegisterSyntaxNodeAction(ReportReferencedSymbol, SyntaxKind.IdentifierName, SyntaxKind.GenericName);
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

    private static void ReportAsync(SyntaxNodeAnalysisContext context)
    {
        SyntaxTokenList modifiers = context.Node switch
        {
            MethodDeclarationSyntax m => m.Modifiers,
            LocalFunctionStatementSyntax l => l.Modifiers,
            AnonymousFunctionExpressionSyntax a => a.Modifiers,
            _ => default,
        };
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AsyncKeyword))
            {
                Report(context, SubsetRules.AsyncAwait, modifier, "'async'");
            }
        }
    }

    private static void ReportYield(SyntaxNodeAnalysisContext context)
    {
        var statement = (YieldStatementSyntax)context.Node;
        Report(context, SubsetRules.Iterators, statement.YieldKeyword,
            statement.IsKind(SyntaxKind.YieldReturnStatement) ? "yield return" : "yield break");
    }

    private static void ReportRecord(SyntaxNodeAnalysisContext context)
    {
        var record = (RecordDeclarationSyntax)context.Node;
        Report(context, SubsetRules.Records, record.Identifier, record.Identifier.Text);
    }

    private static void ReportNullableType(SyntaxNodeAnalysisContext context)
    {
        var nullable = (NullableTypeSyntax)context.Node;
        var elementType = context.SemanticModel.GetTypeInfo(nullable.ElementType, context.CancellationToken).Type;
        var what = elementType != null && elementType.IsValueType
            ? "the nullable value type '" + nullable + "'"
            : "the nullable annotation '" + nullable + "'";
        Report(context, SubsetRules.NullableTypes, nullable, what);
    }

    private static void ReportUnsafeModifier(SyntaxNodeAnalysisContext context)
    {
        var modifiers = context.Node switch
        {
            MemberDeclarationSyntax member => member.Modifiers,
            LocalFunctionStatementSyntax local => local.Modifiers,
            _ => default,
        };
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
            {
                Report(context, SubsetRules.Unsafe, modifier, "the 'unsafe' modifier");
            }
        }
    }

    private static void ReportRefStruct(SyntaxNodeAnalysisContext context)
    {
        var declaration = (StructDeclarationSyntax)context.Node;
        if (declaration.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            Report(context, SubsetRules.SpanAndMemory, declaration.Identifier, "the ref struct '" + declaration.Identifier.Text + "'");
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

    private static void ReportRequiredMember(SyntaxNodeAnalysisContext context)
    {
        var member = (MemberDeclarationSyntax)context.Node;
        foreach (var modifier in member.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.RequiredKeyword))
            {
                Report(context, SubsetRules.LanguageFeature, modifier, "a 'required' member");
            }
        }
    }

    private static void ReportPredefinedType(SyntaxNodeAnalysisContext context)
    {
        var predefined = (PredefinedTypeSyntax)context.Node;
        if (predefined.Keyword.IsKind(SyntaxKind.DecimalKeyword))
        {
            Report(context, SubsetRules.MissingApi, predefined, "'decimal'", "; use int or long in the smallest unit");
        }
    }

    private static void ReportUsingDirective(SyntaxNodeAnalysisContext context)
    {
        var directive = (UsingDirectiveSyntax)context.Node;
        if (directive.Name == null || directive.Alias != null || directive.StaticKeyword != default(SyntaxToken))
        {
            return;
        }

        var name = directive.Name.ToString();
        if (name == "System.Linq" || name.StartsWith("System.Linq.", System.StringComparison.Ordinal))
        {
            Report(context, SubsetRules.Linq, directive, "'using " + name + "'");
            return;
        }

        var symbol = context.SemanticModel.GetSymbolInfo(directive.Name, context.CancellationToken).Symbol as INamespaceSymbol;
        if (symbol != null && BoardApiCatalog.FindDeniedNamespace(symbol, out var advice) != null)
        {
            Report(context, SubsetRules.MissingApi, directive, "the namespace '" + name + "'", advice);
        }
    }

    /// <summary>
    /// Looks at what every name binds to, so generics and missing APIs are caught even when only inferred:
    /// <c>Array.IndexOf(codes, code)</c> binds to the generic overload on the host, which the board lacks.
    /// </summary>
    private static void ReportReferencedSymbol(SyntaxNodeAnalysisContext context)
    {
        var name = (SimpleNameSyntax)context.Node;
        if (IsDeclarationName(name))
        {
            return;
        }

        var model = context.SemanticModel;
        var symbolInfo = model.GetSymbolInfo(name, context.CancellationToken);
        var symbol = symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault();
        if (symbol == null)
        {
            return;
        }

        if (symbol is ITypeSymbol { TypeKind: TypeKind.Dynamic } || (symbol is ILocalSymbol local && local.Type.TypeKind == TypeKind.Dynamic && name.Identifier.Text == "dynamic"))
        {
            Report(context, SubsetRules.Dynamic, name);
            return;
        }

        if (TestFrameworkSubset.IsTestFrameworkSymbol(symbol))
        {
            // Shared tests compile against MSTest on the host and nanoFramework.TestFramework on the board; the
            // board's Assert has non-generic overloads, so only the names both share are checked.
            if (!TestFrameworkSubset.IsShared(symbol))
            {
                Report(context, SubsetRules.MissingApi, name, "'" + symbol.ContainingType?.Name + "." + symbol.Name + "'",
                    " (not shared by MSTest and nanoFramework.TestFramework; use Assert.AreEqual/IsTrue/IsFalse/IsNull/IsNotNull/AreSame or Expect.Throws)");
            }

            return;
        }

        if (name is GenericNameSyntax)
        {
            Report(context, SubsetRules.Generics, name, "'" + name + "'");
            return;
        }

        switch (symbol)
        {
            case INamespaceSymbol:
                return;
            case INamedTypeSymbol type:
                CheckType(context, name, type);
                return;
            case IMethodSymbol method:
                if (method.IsGenericMethod)
                {
                    Report(context, SubsetRules.Generics, name, "the method '" + method.ToDisplayString() + "'");
                    return;
                }

                if (CheckContainingType(context, name, method))
                {
                    return;
                }

                if (!CheckType(context, name, method.ReturnType))
                {
                    foreach (var parameter in method.Parameters)
                    {
                        // Optional parameters left out are not used; passed explicitly, their argument is checked.
                        if (!parameter.IsOptional && CheckType(context, name, parameter.Type))
                        {
                            return;
                        }
                    }
                }

                return;
            case IPropertySymbol property:
                if (!CheckContainingType(context, name, property))
                {
                    CheckType(context, name, property.Type);
                }

                return;
            case IFieldSymbol field:
                if (!CheckContainingType(context, name, field))
                {
                    CheckType(context, name, field.Type);
                }

                return;
            case IEventSymbol eventSymbol:
                CheckType(context, name, eventSymbol.Type);
                return;
            case ILocalSymbol or IParameterSymbol:
                // The declaration's type was already checked where it was written.
                return;
        }
    }

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

    private static void ReportImplicitObjectCreation(SyntaxNodeAnalysisContext context)
    {
        var type = context.SemanticModel.GetTypeInfo(context.Node, context.CancellationToken).Type;
        if (type != null)
        {
            CheckType(context, context.Node, type);
        }
    }

    /// <summary>Reports a member whose containing type the board lacks, or a member the board's type lacks.</summary>
    private static bool CheckContainingType(SyntaxNodeAnalysisContext context, SyntaxNode node, ISymbol member)
    {
        if (member.ContainingType != null && CheckType(context, node, member.ContainingType))
        {
            return true;
        }

        var reason = BoardApiCatalog.CheckMember(member);
        if (reason != null)
        {
            Report(context, SubsetRules.MissingApi, node,
                "'" + member.ContainingType!.Name + "." + member.Name + "'", reason);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Shared tests (assemblies named *.Tests; on the board, NFUnitTest) drive Core the way the board application
    /// does, so they may start what the application starts (a worker thread), which Core itself never does.
    /// </summary>
    private static bool IsTestAssembly(Compilation compilation) =>
        compilation.AssemblyName is { } name && (name.EndsWith(".Tests", System.StringComparison.Ordinal) || name == "NFUnitTest");

    /// <summary>Reports a type that is generic, a span, a tuple, dynamic or missing on the board.</summary>
    private static bool CheckType(SyntaxNodeAnalysisContext context, SyntaxNode node, ITypeSymbol type)
    {
        while (type is IArrayTypeSymbol array)
        {
            type = array.ElementType;
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            Report(context, SubsetRules.Dynamic, node);
            return true;
        }

        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            Report(context, SubsetRules.Unsafe, node, "the pointer type '" + type.ToDisplayString() + "'");
            return true;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.TypeParameter)
        {
            return false;
        }

        if (named.IsTupleType)
        {
            Report(context, SubsetRules.Tuples, node, "the tuple type '" + named.ToDisplayString() + "'");
            return true;
        }

        if (named.IsRefLikeType)
        {
            Report(context, SubsetRules.SpanAndMemory, node, "'" + named.ToDisplayString() + "'");
            return true;
        }

        var metadataName = BoardApiCatalog.MetadataName(named.OriginalDefinition);
        if (metadataName is "System.Memory`1" or "System.ReadOnlyMemory`1")
        {
            Report(context, SubsetRules.SpanAndMemory, node, "'" + named.ToDisplayString() + "'");
            return true;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            Report(context, SubsetRules.NullableTypes, node, "the nullable value type '" + named.ToDisplayString() + "'");
            return true;
        }

        if (named.IsGenericType)
        {
            Report(context, SubsetRules.Generics, node, "the type '" + named.ToDisplayString() + "'");
            return true;
        }

        if (BoardApiCatalog.IsDeniedType(named, out var typeAdvice)
            && !(BoardApiCatalog.IsAllowedInTests(named) && IsTestAssembly(context.Compilation)))
        {
            Report(context, SubsetRules.MissingApi, node, "'" + named.ToDisplayString() + "'", typeAdvice);
            return true;
        }

        var deniedNamespace = BoardApiCatalog.FindDeniedNamespace(named.ContainingNamespace, out var namespaceAdvice);
        if (deniedNamespace != null)
        {
            var rule = deniedNamespace == "System.Linq" ? SubsetRules.Linq : SubsetRules.MissingApi;
            if (rule == SubsetRules.Linq)
            {
                Report(context, rule, node, "'" + named.ToDisplayString() + "'");
            }
            else
            {
                Report(context, rule, node, "'" + named.ToDisplayString() + "'", namespaceAdvice);
            }

            return true;
        }

        return false;
    }

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

    private static string FirstLine(SyntaxNode node)
    {
        var text = node.ToString();
        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text.Substring(0, newline).TrimEnd();
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
