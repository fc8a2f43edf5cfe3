using System.Collections;
using Attendance.Core.Lookup;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class LookupProfessorDirectoryTests
    {
        [TestMethod]
        [DataRow("P1", "p1@example.edu")]
        [DataRow("A1", "")]
        public void Answers_the_email_or_null_in_two_round_trips(string card, string expectedOrEmptyForNull)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["EHPROFESSOR|A1"] = "NAOEHPROFESSOR";
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            LookupClient client = new LookupClient(LookupClientScript.ConnectorWith(server), LookupClientScript.Settings());

            string email = new LookupProfessorDirectory(client).FindProfessorEmail(card);

            if (expectedOrEmptyForNull.Length == 0)
            {
                Assert.IsNull(email);
            }
            else
            {
                Assert.AreEqual(expectedOrEmptyForNull, email);
            }

            Assert.AreEqual(2, client.LastRoundTrips);
            Assert.AreEqual(1, client.LastWrites);
        }
    }
}
