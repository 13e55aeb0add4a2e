using Ioc.Data;

namespace Ioc.Testing;

public static class TestPaths
{
    public static string RepositoryRoot => DataPaths.RepositoryRoot() ?? throw new InvalidOperationException("Ioc.sln not found above the test folder.");

    public static string ReferenceData => Path.Combine(RepositoryRoot, "data", "reference");

    public static string DemoData => Path.Combine(RepositoryRoot, "data", "demo");

    /// <summary>A fresh folder under the system temp directory, deleted with the returned handle.</summary>
    public static TempFolder NewTempFolder() => new();
}

public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ioc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task; the temp folder is cleaned later.
        }
    }
}
