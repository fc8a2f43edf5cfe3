namespace Attendance.Subset.Analyzer.Tests;

/// <summary>
/// The division of work with the board compile: what the analyzer no longer checks (the retired rules and the
/// hand-written API lists) fails the compile against the board's real API, and the allowed samples compile there.
/// </summary>
[TestClass]
public class BoardCompileTests
{
    private const string Usings = "using System; using System.Collections; using System.Text; using nanoFramework.TestFramework;\n";

    [TestMethod]
    // What NANO002 to NANO006 and NANO010 caught: async, iterators, LINQ, tuples, records, unsafe code.
    [DataRow("class C { async void M() { } }")]
    [DataRow("class C { IEnumerable M() { yield return 1; } }")]
    [DataRow("using System.Linq; class C { }")]
    [DataRow("class C { object M(int[] a) { return from x in a select x; } }")]
    [DataRow("class C { object M() { var t = (1, 2); return t.Item1; } }")]
    [DataRow("record Person(string Name);")]
    [DataRow("class C { unsafe void M() { } }")]
    // Nullable<T>, Span, Memory, stackalloc, ^, .., collection expressions, required.
    [DataRow("class C { int? count; }")]
    [DataRow("class C { void M(byte[] b) { var s = new ReadOnlySpan<byte>(b); } }")]
    [DataRow("class C { void M() { Span<byte> s = stackalloc byte[4]; } }")]
    [DataRow("class C { int M(int[] a) { return a[^1]; } }")]
    [DataRow("class C { int[] M(int[] a) { return a[1..2]; } }")]
    [DataRow("class C { int[] M() { return [1, 2]; } }")]
    [DataRow("class C { public required int X { get; set; } }")]
    // The hand-written API lists (BoardApiCatalog): types and members the board lacks.
    [DataRow("class C { object M() { return TimeZoneInfo.Utc; } }")]
    [DataRow("class C { DateTimeOffset value; }")]
    [DataRow("class C { decimal total; }")]
    [DataRow("class C { bool M(string s) { return System.Text.RegularExpressions.Regex.IsMatch(s, \"a\"); } }")]
    [DataRow("using System.Threading.Tasks; class C { }")]
    [DataRow("class C { object M() { return new System.Collections.Generic.List<int>(); } }")]
    [DataRow("class C { string M(string s) { return s.Replace(\"a\", \"b\"); } }")]
    [DataRow("class C { string M(string[] a) { return string.Join(\",\", a); } }")]
    [DataRow("class C { bool M(char c) { return char.IsDigit(c); } }")]
    [DataRow("class C { bool M(string a, string b) { return string.Equals(a, b, StringComparison.OrdinalIgnoreCase); } }")]
    [DataRow("class C { bool M(string a) { return a.StartsWith('x'); } }")]
    [DataRow("class C { string[] M(string a) { return a.Split(',', StringSplitOptions.RemoveEmptyEntries); } }")]
    [DataRow("class C { string M(int x) { return x.ToString(System.Globalization.CultureInfo.InvariantCulture); } }")]
    [DataRow("class C { string M(byte[] b) { return Encoding.UTF8.GetString(b); } }")]
    [DataRow("class C { object M() { return Enum.Parse(typeof(DayOfWeek), \"Monday\"); } }")]
    [DataRow("class C { int M() { return Environment.TickCount; } }")]
    [DataRow("class C { object M() { return System.Diagnostics.Stopwatch.StartNew(); } }")]
    [DataRow("class C { bool M() { return System.IO.File.Exists(\"a\"); } }")]
    [DataRow("class C { DateTime M() { return DateTime.Now; } }")]
    // What TestFrameworkSubset caught: test API outside the part MSTest and the board's framework share.
    [DataRow("class C { void M() { Assert.ThrowsExactly<Exception>(() => { }); } }")]
    [DataRow("class C { void M() { Assert.IsInstanceOfType(1, typeof(int)); } }")]
    [DataRow("[TestClass] class C { [Setup] public void M() { } }")]
    public void The_board_compile_rejects(string code)
    {
        var errors = BoardCompilation.Errors(Usings + code);

        Assert.AreNotEqual(0, errors.Length, "compiles against the board's API: " + code);
    }

    [TestMethod]
    [DataRow("class C { ArrayList items = new ArrayList(); Hashtable seen = new Hashtable(); }")]
    [DataRow("class C { int M(object[] values, object value) { return Array.IndexOf((Array)values, value); } }")]
    [DataRow("class C { int M(string[] codes) { return Array.IndexOf(codes, \"A\"); } }")]
    [DataRow("class C { string M(int x) { return string.Format(\"{0:D2}-{1,5}-{2:X2}\", x, x, x); } }")]
    [DataRow("class C { string M(int x) { return $\"{x:N0} {x}\"; } }")]
    [DataRow("class C { string M(string s) { return s.Substring(1).Trim().ToUpper() + s.IndexOf(':') + s.PadLeft(3); } }")]
    [DataRow("class C { bool M(string s) { return s.StartsWith(\"x\") && s.Contains(\"y\") && !string.IsNullOrEmpty(s); } }")]
    [DataRow("class C { string[] M(string s) { return s.Split('|'); } }")]
    [DataRow("class C { DateTime M(DateTime t) { return new DateTime(2026, 1, 2, 3, 4, 5).AddMinutes(t.Minute).Date; } }")]
    [DataRow("class C { byte[] M(string s) { return Encoding.UTF8.GetBytes(s); } }")]
    [DataRow("class C { string M(byte[] b) { return Encoding.UTF8.GetString(b, 0, b.Length); } }")]
    [DataRow("class C { string M() { var b = new StringBuilder(); b.Append('x'); return b.ToString(); } }")]
    [DataRow("class C { void M(ArrayList list) { foreach (object o in list) { } lock (list) { } } }")]
    [DataRow("delegate void Handler(int x); class C { event Handler Changed; void M() { Handler h = x => { }; } }")]
    [DataRow("interface I { int M(); } enum E { A, B } struct S { public int X; } class C : I { public int M() { return (int)E.B; } }")]
    [DataRow("class C { bool M(object o) { return o is string s && s.Length > 0; } }")]
    [DataRow("class C { void M() { new System.Threading.Thread(M).Start(); } }")]
    [DataRow("[TestClass] public class T { [TestMethod] [DataRow(1)] public void M(int x) { Assert.AreEqual(1, x); Assert.IsTrue(x > 0); Assert.IsNull(null); } }")]
    [DataRow("[TestClass] public class T { [TestMethod] [DataRow(\"a\", \"\")] public void M(string a, string b) { Assert.IsNotNull(b); Assert.AreNotEqual(a, b); Assert.AreSame(a, a); } }")]
    public void The_board_compile_accepts(string code)
    {
        var errors = BoardCompilation.Errors(Usings + code);

        Assert.AreEqual(0, errors.Length, string.Join(Environment.NewLine, errors));
    }
}
