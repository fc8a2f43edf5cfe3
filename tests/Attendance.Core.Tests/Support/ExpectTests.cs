using System;

namespace Attendance.Core.Tests.Support
{
    [TestClass]
    public class ExpectTests
    {
        [TestMethod]
        public void Throws_returns_the_exception_of_the_expected_type()
        {
            Exception thrown = Expect.Throws(typeof(ArgumentException), ThrowArgumentOutOfRange);

            Assert.IsTrue(thrown is ArgumentOutOfRangeException);
            Assert.AreEqual("index", ((ArgumentException)thrown).ParamName);
        }

        [TestMethod]
        public void Throws_fails_when_nothing_is_thrown()
        {
            bool failed = false;
            try
            {
                Expect.Throws(typeof(InvalidOperationException), DoNothing);
            }
            catch (ExpectationFailedException)
            {
                failed = true;
            }

            Assert.IsTrue(failed);
        }

        [TestMethod]
        public void Throws_fails_when_another_type_is_thrown()
        {
            bool failed = false;
            try
            {
                Expect.Throws(typeof(InvalidOperationException), ThrowArgumentOutOfRange);
            }
            catch (ExpectationFailedException)
            {
                failed = true;
            }

            Assert.IsTrue(failed);
        }

        private static void ThrowArgumentOutOfRange()
        {
            throw new ArgumentOutOfRangeException("index");
        }

        private static void DoNothing()
        {
        }
    }
}
