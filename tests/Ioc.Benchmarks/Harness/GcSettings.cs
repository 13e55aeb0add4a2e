using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The garbage collector's settings of a published app (the <c>System.GC.*</c> properties of its
/// runtimeconfig.json). Two servers compared in one run must collect the same way: the collector
/// decides how much memory stays committed beside the live objects, so a Server-GC baseline beside a
/// Workstation-GC app (or the reverse) would measure the settings, not the apps.
/// </summary>
public static class GcSettings
{
    private const string Prefix = "System.GC.";

    /// <summary>The <c>System.GC.*</c> properties of <paramref name="app"/>'s runtimeconfig.json in <paramref name="publishFolder"/>.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Read(string publishFolder, string app)
    {
        var properties = ConfigProperties(JsonNode.Parse(File.ReadAllText(RuntimeConfig(publishFolder, app)))!);
        return properties.Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value?.DeepClone());
    }

    /// <summary>Replaces <paramref name="app"/>'s <c>System.GC.*</c> properties with <paramref name="settings"/>.</summary>
    public static void Apply(string publishFolder, string app, IReadOnlyDictionary<string, JsonNode?> settings)
    {
        var path = RuntimeConfig(publishFolder, app);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var properties = ConfigProperties(root);
        foreach (var key in properties.Select(p => p.Key).Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).ToList())
        {
            properties.Remove(key);
        }
        foreach (var (key, value) in settings)
        {
            properties[key] = value?.DeepClone();
        }
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>"System.GC.Server=false, …" plus any DOTNET_gc…/DOTNET_GC… variable this process passes on to the servers.</summary>
    public static string Describe(IReadOnlyDictionary<string, JsonNode?> settings)
    {
        var fromFile = settings.Count == 0 ? ["the runtime's defaults"] : settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value?.ToJsonString()}");
        var fromEnvironment = Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Where(k => k.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}");
        return string.Join(", ", fromFile.Concat(fromEnvironment));
    }

    private static string RuntimeConfig(string publishFolder, string app) => Path.Combine(publishFolder, $"{app}.runtimeconfig.json");

    private static JsonObject ConfigProperties(JsonNode root)
    {
        var options = root["runtimeOptions"]?.AsObject() ?? throw new InvalidOperationException("runtimeconfig.json without runtimeOptions");
        if (options["configProperties"] is not JsonObject properties)
        {
            options["configProperties"] = properties = [];
        }
        return properties;
    }
}
