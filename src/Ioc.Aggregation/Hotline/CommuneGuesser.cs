using Ioc.Domain.Text;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Hotline;

/// <summary>A commune named in a text, and whether it was named with its kind ("phường Bãi Cháy") or bare ("…, Bãi Cháy").</summary>
public sealed record CommuneGuess(int CommuneId, string Name, bool Explicit);

/// <summary>
/// Finds the commune (xã, phường, đặc khu) an address or a citizen's text names, ignoring
/// diacritics and case: "p. bai chay", "phường Bãi Cháy" and "Bãi Cháy, Hạ Long" all name
/// Phường Bãi Cháy. A bare name right after a street or place word ("đường Hạ Long", "chợ Cửa
/// Ông") names the street or the market, not the ward, and is not taken.
/// </summary>
public sealed class CommuneGuesser
{
    private static readonly string[] KindWords = ["phuong", "xa", "dac khu", "p", "x", "tt", "thi tran"];

    // Words that make the following name a street, market, school… rather than the commune.
    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "duong", "pho", "cho", "truong", "cau", "ben", "cang", "mo", "ho", "ga", "suoi", "vien", "benh", "den", "chua",
        "ngo", "hem", "kiet", "ngach", "thon", "khu", "to", "ban", "lang", "xom", "quang", "nui", "deo", "song", "vinh", "bai",
        "tam", "lo", "cong", "tuyen", "nga", "tu", "duoi", "thac", "hon", "dao", "nha",
    };

    private readonly List<(int Id, string Name, string[] Words)> _communes;

    public CommuneGuesser(IEnumerable<Unit> communes)
    {
        _communes = [.. communes.Where(u => u.IsLocal)
            .Select(u => (u.Id, u.Name, Words: Words(StripKind(SearchText.Fold(u.Name)))))
            .Where(c => c.Words.Length > 0)
            // Longest names first: "Móng Cái 1" before a bare "Móng Cái".
            .OrderByDescending(c => c.Words.Length)];
    }

    /// <summary>The commune the text names, the explicit mention ("phường …") first, then the longest bare name; null when none or unclear.</summary>
    public CommuneGuess? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var words = Words(SearchText.Fold(text));
        CommuneGuess? bare = null;
        var bareCount = 0;
        foreach (var (id, name, nameWords) in _communes)
        {
            for (var i = 0; i + nameWords.Length <= words.Length; i++)
            {
                if (!Matches(words, i, nameWords) || (i + nameWords.Length < words.Length && IsNumber(words[i + nameWords.Length]) && !IsNumber(nameWords[^1])))
                {
                    continue;
                }
                if (PrecededByKind(words, i))
                {
                    return new CommuneGuess(id, name, Explicit: true);
                }
                if (i > 0 && PlaceWords.Contains(words[i - 1]))
                {
                    continue;
                }
                if (bare?.CommuneId != id)
                {
                    bareCount++;
                    bare ??= new CommuneGuess(id, name, Explicit: false);
                }
            }
        }
        // Two different bare names: the text is about a way between them, or unclear; let the operator choose.
        return bareCount == 1 ? bare : null;
    }

    private static bool PrecededByKind(string[] words, int i) =>
        KindWords.Any(kind =>
        {
            var k = kind.Split(' ');
            return i >= k.Length && Matches(words, i - k.Length, k);
        });

    private static bool Matches(string[] words, int at, string[] name)
    {
        for (var j = 0; j < name.Length; j++)
        {
            if (words[at + j] != name[j])
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNumber(string word) => word.All(char.IsDigit);

    private static string StripKind(string folded)
    {
        foreach (var kind in new[] { "phuong ", "xa ", "dac khu ", "thi tran " })
        {
            if (folded.StartsWith(kind, StringComparison.Ordinal))
            {
                return folded[kind.Length..];
            }
        }
        return folded;
    }

    private static string[] Words(string folded) =>
        folded.Split([' ', ',', '.', ';', ':', '(', ')', '-', '–', '/', '"', '\'', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
