namespace MeetSite.Tests.Infrastructure;

internal static class SqliteFiles
{
    /// <summary>A throwaway database file in the temporary folder, not created yet (the site makes it).</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the database file with its write-ahead log and shared-memory index.</summary>
    public static void Delete(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }
}
