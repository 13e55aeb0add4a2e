namespace Ioc.Data;

/// <summary>
/// Resolves relative paths of settings. <c>dotnet run --project src/Ioc.Web</c> from the repository
/// root and a test running in <c>tests/*/bin</c> must both find <c>data/</c>, so a relative path is
/// taken from the working directory when it exists there, else from the nearest folder above the
/// application that holds <c>Ioc.sln</c>.
/// </summary>
public static class DataPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var fromCwd = Path.GetFullPath(path);
        if (File.Exists(fromCwd) || Directory.Exists(fromCwd) || Directory.Exists(Path.GetDirectoryName(fromCwd)))
        {
            return fromCwd;
        }
        return RepositoryRoot() is string root ? Path.GetFullPath(Path.Combine(root, path)) : fromCwd;
    }

    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Ioc.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
