// Package: nanoFramework.TestFramework 3.0.80 (assembly nanoFramework.TestFramework)
// Reference API only: signatures as in nanoframework/nanoFramework.TestFramework (source/TestFramework/Assert*.cs,
// source/TestFrameworkShared/*Attribute.cs, main of 2025-09 = 3.0.78, the newest source read), bodies throw null.
// Only the part shared tests may use (docs/subset.md): the attributes, and these asserts with every overload the
// board declares, so that overload resolution binds as on the board. README.md beside.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
        public virtual TestMethodAttribute GetTestMethodAttribute(TestMethodAttribute testMethodAttribute) { throw null; }
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public object[] MethodParameters { get { throw null; } }
        public DataRowAttribute(params object[] methodParameters) { }
    }

    public sealed partial class Assert
    {
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw null; }
        public static void IsNotNull([NotNull] object value, [CallerArgumentExpression(nameof(value))] string message = "") { throw null; }
        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "") { throw null; }
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw null; }
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw null; }
    }
}
