namespace Attendance.KillCampaign;

/// <summary>Damages one record in the terminal's data folder, as a failing flash or a cut write would.</summary>
public static class DataFolderDamage
{
    /// <summary>Applies the damage; returns the file it hit (null when there was nothing to damage).</summary>
    public static string? Apply(string folder, Damage damage, int seed)
    {
        if (damage == Damage.None || !Directory.Exists(folder))
        {
            return null;
        }

        var random = new Random(seed);
        var files = Directory.GetFiles(folder).OrderBy(name => name, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            return null;
        }

        var file = files[random.Next(files.Length)];
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case Damage.FlipByte when bytes.Length > 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                File.WriteAllBytes(file, bytes);
                break;
            case Damage.Truncate when bytes.Length > 0:
                File.WriteAllBytes(file, bytes.AsSpan(0, random.Next(bytes.Length)).ToArray());
                break;
            case Damage.Delete:
                File.Delete(file);
                break;
            case Damage.LeavePartial:
                // A replacement cut before its rename: a half-written copy beside the intact record.
                File.WriteAllBytes(file + ".partial", bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray());
                return file + ".partial";
            default:
                return null;
        }

        return file;
    }
}
