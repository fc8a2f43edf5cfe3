namespace Attendance.Subset.Analyzer.Tests;

/// <summary>Each rule fires on a sample of what the board cannot run, and stays silent on allowed code.</summary>
[TestClass]
public class SubsetAnalyzerTests
{
    private const string Usings = "using System; using System.Collections; using System.Text; using Microsoft.VisualStudio.TestTools.UnitTesting;\n";

    [TestMethod]
    // NANO001 generics, declared or written (the board compile accepts a generic class and Action<int>).
    [DataRow("NANO001", "class Box<T> { }")]
    [DataRow("NANO001", "class C { void M<T>(T value) { } }")]
    [DataRow("NANO001", "class C { object M() { return new System.Collections.Generic.List<int>(); } }")]
    [DataRow("NANO001", "class C { void M() { Func<int> f = () => 1; } }")]
    [DataRow("NANO001", "class C { object M() { return Array.Empty<int>(); } }")]
    // NANO007 nullable reference annotations (int? is the board compile's: no Nullable<T>).
    [DataRow("NANO007", "class C { string? name; }")]
    [DataRow("NANO007", "#nullable enable\nclass C { }")]
    // NANO008 dynamic.
    [DataRow("NANO008", "class C { void M() { dynamic d = 1; } }")]
    // NANO009 ref struct (Span, Memory and stackalloc are the board compile's).
    [DataRow("NANO009", "ref struct R { }")]
    // NANO011 what hardware-free Core must not use although the board has it.
    [DataRow("NANO011", "class C { DateTime M() { return DateTime.Now; } }")]
    [DataRow("NANO011", "class C { DateTime M() { return DateTime.UtcNow; } }")]
    [DataRow("NANO011", "class C { void M() { Console.WriteLine(); } }")]
    [DataRow("NANO011", "class C { System.Threading.Timer t = new(null, null, 0, 0); }")]
    // NANO012 language features that compile against the board's mscorlib but need runtime support.
    [DataRow("NANO012", "class C { public int X { get; init; } }")]
    [DataRow("NANO012", "struct S { public int X; } class C { S M(S s) { return s with { X = 1 }; } }")]
    [DataRow("NANO012", "interface I { int M() { return 1; } }")]
    [DataRow("NANO012", "interface I { static int M() { return 1; } }")]
    // NANO013 custom format specifiers.
    [DataRow("NANO013", "class C { string M(int x) { return string.Format(\"{0:00}\", x); } }")]
    [DataRow("NANO013", "class C { string M(DateTime t) { return $\"{t:yyyy-MM-dd}\"; } }")]
    // NANO014 enum-typed attribute arguments (the board's metadata processor stores no value for them).
    [DataRow("NANO014", "[TestClass] public class T { [TestMethod] [DataRow(DayOfWeek.Monday, 1)] public void M(DayOfWeek d, int x) { } }")]
    [DataRow("NANO014", "[AttributeUsage(AttributeTargets.Class)] class A : Attribute { public A(DayOfWeek d) { } } [A(DayOfWeek.Friday)] class C { }")]
    // NANO015 null attribute arguments (the board's metadata processor throws on them).
    [DataRow("NANO015", "[TestClass] public class T { [TestMethod] [DataRow(\"a\", null)] public void M(string a, string b) { } }")]
    // NANO016 NUL characters in strings (board strings are NUL-terminated).
    [DataRow("NANO016", "class C { string M(string u) { return \"\\0\" + u; } }")]
    [DataRow("NANO016", "class C { string M(string u) { return $\"a\\0{u}\"; } }")]
    [DataRow("NANO016", "class C { string M(string u, string p) { return u + '\\0' + p; } }")]
    [DataRow("NANO016", "class C { string M() { var b = new StringBuilder(); b.Append('\\0'); return b.ToString(); } }")]
    // NANO017 DateTime before the board's minimum, 1601-01-01.
    [DataRow("NANO017", "class C { DateTime M() { return new DateTime(0); } }")]
    [DataRow("NANO017", "class C { DateTime M() { return new DateTime(0L, DateTimeKind.Utc); } }")]
    [DataRow("NANO017", "class C { DateTime M() { return new DateTime(1, 1, 1); } }")]
    public void Rule_fires_on_what_the_board_cannot_run(string expectedId, string code)
    {
        var ids = AnalyzerHarness.Ids(Usings + code);

        CollectionAssert.Contains(ids, expectedId, "got: " + string.Join(", ", ids));
    }

    [TestMethod]
    [DataRow("class C { ArrayList items = new ArrayList(); Hashtable seen = new Hashtable(); }")]
    [DataRow("class C { int M(object[] values, object value) { return Array.IndexOf((Array)values, value); } }")]
    // Binds to the generic overload on the host, to the board's own on the board: both fine.
    [DataRow("class C { int M(string[] codes) { return Array.IndexOf(codes, \"A\"); } }")]
    [DataRow("class C { string M(int x) { return string.Format(\"{0:D2}-{1,5}-{2:X2}\", x, x, x); } }")]
    [DataRow("class C { string M(int x) { return $\"{x:N0} {x}\"; } }")]
    [DataRow("class C { string M(string s) { return s.Substring(1).Trim().ToUpper() + s.IndexOf(':'); } }")]
    [DataRow("class C { bool M(string s) { return s.StartsWith(\"x\") && s.Contains(\"y\") && !string.IsNullOrEmpty(s); } }")]
    [DataRow("class C { string[] M(string s) { return s.Split('|'); } }")]
    [DataRow("class C { DateTime M(DateTime t) { return new DateTime(2026, 1, 2, 3, 4, 5).AddMinutes(t.Minute).Date; } }")]
    [DataRow("class C { byte[] M(string s) { return Encoding.UTF8.GetBytes(s); } }")]
    [DataRow("class C { string M() { var b = new StringBuilder(); b.Append('x'); return b.ToString(); } }")]
    [DataRow("class C { void M(ArrayList list) { foreach (object o in list) { } lock (list) { } } }")]
    [DataRow("delegate void Handler(int x); class C { event Handler Changed; void M() { Handler h = x => { }; } }")]
    [DataRow("interface I { int M(); } enum E { A, B } struct S { public int X; } class C : I { public int M() { return (int)E.B; } }")]
    [DataRow("class C { bool M(object o) { return o is string s && s.Length > 0; } }")]
    [DataRow("[TestClass] public class T { [TestMethod] [DataRow(1)] public void M(int x) { Assert.AreEqual(1, x); Assert.IsTrue(x > 0); Assert.IsNull(null); } }")]
    [DataRow("[TestClass] public class T { [TestMethod] [DataRow((int)DayOfWeek.Monday, 1)] public void M(int day, int expected) { Assert.AreEqual(expected, (int)(DayOfWeek)day); } }")]
    [DataRow("[TestClass] public class T { [TestMethod] [DataRow(\"a\", \"\")] public void M(string a, string b) { Assert.IsNotNull(b); } }")]
    [DataRow("class C { byte[] M() { byte[] b = new byte[3]; b[1] = (byte)'\\0'; return b; } }")]
    [DataRow("class C { int M(string s) { return s.IndexOf('\\0'); } }")]
    [DataRow("class C { DateTime M(long t) { return t == 0 ? DateTime.MinValue : new DateTime(t); } }")]
    [DataRow("class C { DateTime M() { return new DateTime(1601, 1, 1); } }")]
    public void Allowed_code_stays_silent(string code)
    {
        var diagnostics = AnalyzerHarness.Analyze(Usings + code);

        Assert.AreEqual(0, diagnostics.Length, string.Join(Environment.NewLine, diagnostics));
    }

    [TestMethod]
    public void Core_starts_no_threads_but_shared_tests_may()
    {
        const string code = "class C { void M() { new System.Threading.Thread(M).Start(); } }";

        CollectionAssert.Contains(AnalyzerHarness.Analyze(Usings + code, "Attendance.Core").Select(d => d.Id).ToArray(), "NANO011");
        Assert.AreEqual(0, AnalyzerHarness.Analyze(Usings + code, "Attendance.Core.Tests").Length);
        CollectionAssert.Contains(AnalyzerHarness.Analyze(Usings + "class C { object t = new System.Threading.Timer(null); }", "Attendance.Core.Tests")
            .Select(d => d.Id).ToArray(), "NANO011");
    }

    [TestMethod]
    public void Diagnostics_are_errors_that_name_the_offending_code()
    {
        var diagnostic = AnalyzerHarness.Analyze(Usings + "class C { object M() { return new System.Collections.Generic.List<int>(); } }")
            .First(d => d.Id == "NANO001");

        Assert.AreEqual(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        StringAssert.Contains(diagnostic.GetMessage(), "List<int>");
        StringAssert.Contains(diagnostic.GetMessage(), "nanoFramework subset");
    }
}
