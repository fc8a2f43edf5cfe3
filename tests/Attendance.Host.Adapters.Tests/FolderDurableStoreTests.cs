using Attendance.Host.Adapters;

namespace Attendance.Host.Adapters.Tests;

[TestClass]
public class FolderDurableStoreTests
{
    [TestMethod]
    [DataRow("replace", 1)]
    [DataRow("delete", 1)]
    [DataRow("append-new", 1)]
    [DataRow("append-existing", 0)]
    [DataRow("delete-missing", 0)]
    public void Renames_deletes_and_new_records_flush_the_folder(string operation, int expectedFlushes)
    {
        using var folder = new TemporaryFolder();
        var store = new FolderDurableStore(folder.Path);
        var data = new byte[] { 1, 2, 3 };
        store.Replace("existing", data, 0, data.Length);
        var before = store.FolderFlushes;

        switch (operation)
        {
            case "replace": store.Replace("existing", data, 0, 2); break;
            case "delete": store.Delete("existing"); break;
            case "append-new": store.Append("fresh", data, 0, data.Length); break;
            case "append-existing": store.Append("existing", data, 0, data.Length); break;
            case "delete-missing": store.Delete("never-written"); break;
        }

        if (OperatingSystem.IsLinux())
        {
            Assert.IsTrue(store.FolderFlushSupported);
            Assert.AreEqual(expectedFlushes, store.FolderFlushes - before, operation);
        }
        else
        {
            // Elsewhere the store still works; whether the folder could be flushed depends on the platform.
            Assert.IsTrue(store.FolderFlushes - before <= expectedFlushes);
        }
    }

    [TestMethod]
    public void Records_round_trip_and_names_hold_a_long_roll_identity()
    {
        using var folder = new TemporaryFolder();
        var store = new FolderDurableStore(folder.Path);
        // "outbox-" + a 32-character terminal id, opening time and a 12-digit roll number + ".report".
        var name = "outbox-" + new string('T', 32) + "-20261123T081500Z-999999999999.report";
        var data = new byte[] { 10, 20, 30 };

        store.Replace(name, data, 0, data.Length);
        store.Append(name, data, 0, 1);

        CollectionAssert.AreEqual(new byte[] { 10, 20, 30, 10 }, store.Read(name));
        CollectionAssert.AreEqual(new[] { name }, store.List("outbox-"));
        store.Delete(name);
        Assert.IsNull(store.Read(name));
        Assert.Throws<ArgumentException>(() => store.Read(new string('x', 129)));
    }

    [TestMethod]
    public void A_folder_that_cannot_be_flushed_degrades_without_an_error()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.AreEqual(DirectorySync.IsAvailable, DirectorySync.Flush(Path.GetTempPath()) == DirectorySyncResult.Synced);
            return;
        }

        // procfs answers fsync on a directory with EINVAL, as some network and FUSE file systems do.
        Assert.AreEqual(DirectorySyncResult.Unsupported, DirectorySync.Flush("/proc"));
        Assert.AreEqual(DirectorySyncResult.Synced, DirectorySync.Flush(Path.GetTempPath()));
    }

    [TestMethod]
    public void A_missing_folder_is_an_IO_error_where_folders_can_be_flushed()
    {
        if (!DirectorySync.IsAvailable)
        {
            return;
        }

        Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"))));
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attendance-store-" + Guid.NewGuid().ToString("N")[..12]);

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
