using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Ioc.Web.Localization;

/// <summary>
/// UI text: Vietnamese is written in the markup and is the key; English comes from en.json.
/// A missing English entry falls back to Vietnamese, and a test checks that none is missing.
/// </summary>
public sealed class UiText
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    public static readonly CultureInfo[] Supported = [Vietnamese, English];

    private static readonly Lazy<FrozenDictionary<string, string>> EnglishText = new(Load);

    public static IReadOnlyDictionary<string, string> EnglishEntries => EnglishText.Value;

    /// <summary>The text in the current UI culture.</summary>
    public string this[string vietnamese] => Translate(vietnamese);

    public static string Translate(string vietnamese) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && EnglishText.Value.TryGetValue(vietnamese, out var en) ? en : vietnamese;

    /// <summary>The text with arguments formatted in the current culture.</summary>
    public string Format(string vietnamese, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Translate(vietnamese), args);

    /// <summary>Every embedded Localization/*.en.json (one per feature, so features do not edit one shared file).</summary>
    private static FrozenDictionary<string, string> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Ioc.Web.Localization.", StringComparison.Ordinal) && n.EndsWith(".en.json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (vi, en) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!merged.TryAdd(vi, en) && merged[vi] != en)
                {
                    throw new InvalidOperationException($"'{vi}' has two English translations ({name}).");
                }
            }
        }
        return merged.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
