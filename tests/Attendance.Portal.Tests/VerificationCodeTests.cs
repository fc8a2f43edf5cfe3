using Attendance.Portal.Verification;

namespace Attendance.Portal.Tests;

[TestClass]
public sealed class VerificationCodeTests
{
    [TestMethod]
    [DataRow("7KQ2-M9XD-4RTB-0HZC", "7KQ2M9XD4RTB0HZC")]
    [DataRow("7kq2-m9xd-4rtb-0hzc", "7KQ2M9XD4RTB0HZC")]
    [DataRow("7KQ2M9XD4RTB0HZC", "7KQ2M9XD4RTB0HZC")]
    [DataRow("  7KQ2 M9XD 4RTB 0HZC \n", "7KQ2M9XD4RTB0HZC")]
    [DataRow("7KQ2-M9XD-4RTB-OHZC", "7KQ2M9XD4RTB0HZC")]
    [DataRow("IiLl-oO00-1111-2222", "11110000" + "11112222")]
    [DataRow("--7KQ2--M9XD--4RTB--0HZC--", "7KQ2M9XD4RTB0HZC")]
    public void AcceptsWhatPeopleType(string input, string expected) =>
        Assert.AreEqual(expected, VerificationCode.Normalise(input));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("7KQ2-M9XD-4RTB-0HZ")]
    [DataRow("7KQ2-M9XD-4RTB-0HZCX")]
    [DataRow("7KQ2-M9XD-4RTB-0HZU")]
    [DataRow("7KQ2_M9XD_4RTB_0HZC")]
    [DataRow("7KQ2-M9XD-4RTB-0HZÇ")]
    [DataRow("7KQ2.M9XD.4RTB.0HZC")]
    public void RefusesWhatIsNotACode(string? input) => Assert.IsNull(VerificationCode.Normalise(input));

    [TestMethod]
    public void DisplaysInFourGroups() => Assert.AreEqual("7KQ2-M9XD-4RTB-0HZC", VerificationCode.Display("7KQ2M9XD4RTB0HZC"));
}
