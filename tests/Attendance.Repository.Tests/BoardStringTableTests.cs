using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Attendance.Repository.Tests;

/// <summary>
/// The metadata processor that turns a board assembly into its .pe keeps every string of the assembly (type and
/// member names, literals, attribute arguments) in one table addressed by 16-bit offsets: past 64 KiB it stops with
/// "String table overflow" and the assembly cannot reach a board. The shared tests passed it once (they are now two
/// assemblies). CI has no metadata processor, so this estimates the table from the compiled assembly (the names,
/// the literals in UTF-8, the attribute blobs) and fails with room to spare.
/// </summary>
[TestClass]
public class BoardStringTableTests
{
    /// <summary>Estimates above this fail: the estimate is rough, and a board assembly should never get near the limit.</summary>
    private const int MaximumEstimate = 56 * 1024;

    public static IEnumerable<object[]> BoardAssemblies =>
    [
        ["firmware/Attendance.Core/bin/Debug/Attendance.Core.dll"],
        ["tests/Attendance.Core.Tests.Nano/bin/Debug/NFUnitTest.dll"],
        ["tests/Attendance.Core.Tests.Nano.Mail/bin/Debug/NFUnitTest.dll"],
        ["tests/Attendance.Core.Tests.Nano.Health/bin/Debug/NFUnitTest.dll"],
        ["firmware/Attendance.Terminal/bin/Debug/ESP32/Attendance.Terminal.exe"],
        ["firmware/Attendance.Terminal/bin/Debug/STM32/Attendance.Terminal.exe"],
    ];

    [TestMethod]
    [DynamicData(nameof(BoardAssemblies))]
    public void A_board_assembly_stays_well_inside_the_metadata_processors_string_table(string assembly)
    {
        var path = RepositoryLayout.PathOf(assembly);
        if (!File.Exists(path))
        {
            // This project builds the board projects first (its .csproj), so a missing assembly is a broken build,
            // not a reason to skip: a skipped guard is how this check went unrun in CI before.
            Assert.Fail(assembly + " is not built (this project's build makes it: dotnet build tests/Attendance.Repository.Tests)");
        }

        var estimate = Estimate(path);
        Assert.IsTrue(estimate <= MaximumEstimate, assembly + ": about " + estimate + " bytes of strings, over " + MaximumEstimate
            + " (the metadata processor stops at 65,535): split the assembly, as the shared tests are (build/sync-nfproj-lists.py)");
    }

    /// <summary>The estimate must be able to fail: all the shared tests in one assembly, as they were, are over.</summary>
    [TestMethod]
    public void Both_test_assemblies_together_would_be_over()
    {
        var first = RepositoryLayout.PathOf("tests/Attendance.Core.Tests.Nano/bin/Debug/NFUnitTest.dll");
        var second = RepositoryLayout.PathOf("tests/Attendance.Core.Tests.Nano.Mail/bin/Debug/NFUnitTest.dll");
        if (!File.Exists(first) || !File.Exists(second))
        {
            Assert.Fail("the board test assemblies are not built (this project's build makes them)");
        }

        Assert.IsTrue(Estimate(first) + Estimate(second) > MaximumEstimate);
    }

    /// <summary>Bytes of the #Strings heap, the user strings as UTF-8 with their terminators, and the blob heap.</summary>
    private static int Estimate(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var total = metadata.GetHeapSize(HeapIndex.String) + metadata.GetHeapSize(HeapIndex.Blob);
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            total += Encoding.UTF8.GetByteCount(metadata.GetUserString(handle)) + 1;
            handle = metadata.GetNextHandle(handle);
        }

        return total;
    }
}
