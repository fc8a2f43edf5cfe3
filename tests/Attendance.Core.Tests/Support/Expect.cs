using System;

namespace Attendance.Core.Tests.Support
{
    /// <summary>A piece of code expected to throw.</summary>
    public delegate void ThrowingAction();

    /// <summary>
    /// Exception assertions in one place, because MSTest 4 (Assert.Throws&lt;T&gt;) and nanoFramework.TestFramework
    /// (Assert.ThrowsException(Type, Action)) spell them differently. A failed expectation throws, which both
    /// frameworks report as a failed test.
    /// </summary>
    public static class Expect
    {
        /// <summary>
        /// Runs <paramref name="action"/> and returns the exception it threw, which must be of
        /// <paramref name="exceptionType"/> or derived from it.
        /// </summary>
        public static Exception Throws(Type exceptionType, ThrowingAction action)
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                if (IsOfType(exception.GetType(), exceptionType))
                {
                    return exception;
                }

                throw new ExpectationFailedException("Expected " + exceptionType.Name + " but "
                    + exception.GetType().Name + " was thrown: " + exception.Message);
            }

            throw new ExpectationFailedException("Expected " + exceptionType.Name + " but nothing was thrown.");
        }

        private static bool IsOfType(Type actual, Type expected)
        {
            while (actual != null)
            {
                if (actual == expected)
                {
                    return true;
                }

                actual = actual.BaseType;
            }

            return false;
        }
    }

    /// <summary>Thrown by <see cref="Expect"/> when an expectation is not met.</summary>
    public class ExpectationFailedException : Exception
    {
        public ExpectationFailedException(string message)
            : base(message)
        {
        }
    }
}
