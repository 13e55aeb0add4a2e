using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>Keeps the latest table in README.md, between two markers of the Benchmarks section.</summary>
public static class ReadmeTable
{
    public const string Begin = "<!-- benchmark-table:begin -->";
    public const string End = "<!-- benchmark-table:end -->";

    public static void Update(string markdown)
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "README.md");
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            Log.Info($"README.md has no {Begin} … {End} markers: table not written there");
            return;
        }
        var updated = text[..(begin + Begin.Length)] + "\n" + markdown.TrimEnd() + "\n" + text[end..];
        File.WriteAllText(path, updated);
        Log.Info("Table written to README.md");
    }
}
