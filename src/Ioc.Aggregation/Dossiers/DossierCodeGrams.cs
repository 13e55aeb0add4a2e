using System.Text;

namespace Ioc.Aggregation.Dossiers;

/// <summary>
/// The five-character pieces of dossier codes that the table <c>DossierCodeGrams</c> indexes (SQLite only).
/// Codes are mostly digits, so each of a term's trigrams is in hundreds of thousands of codes at 15 M dossiers
/// ("-00" in 7 M) and the trigram phrase of "0812-0033" reads them all (25–35 ms); its five-character pieces
/// are in a few thousand each, and the codes holding all of them are read in a millisecond or two. The table's
/// tokenizer (unicode61 with '-' and '.' as token characters) keeps each piece whole; a piece with any other
/// character would be split, so neither side uses those. Every code containing the term holds each of its
/// pieces, and the list's LIKE keeps only the codes that contain the term itself.
/// </summary>
public static class DossierCodeGrams
{
    public const int Length = 5;

    /// <summary>The pieces of one code, space-separated, as the index stores them ("" for a code shorter than a piece).</summary>
    public static string Of(string code)
    {
        var lower = code.ToLowerInvariant();
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + Length <= lower.Length; i++)
        {
            if (IsWhole(lower, i))
            {
                pieces.Add(lower.Substring(i, Length));
            }
        }
        return string.Join(' ', pieces);
    }

    /// <summary>
    /// The MATCH expression for a search term: pieces every Length characters and the last one, so that each
    /// character is in one of them, all required; null when the term has no whole piece (shorter, or other characters).
    /// </summary>
    public static string? Match(string term)
    {
        var lower = term.ToLowerInvariant();
        var starts = new SortedSet<int>();
        for (var i = 0; i + Length <= lower.Length; i += Length)
        {
            starts.Add(i);
        }
        if (lower.Length >= Length)
        {
            starts.Add(lower.Length - Length);
        }
        var pieces = starts.Where(i => IsWhole(lower, i)).Select(i => lower.Substring(i, Length)).Distinct(StringComparer.Ordinal).ToList();
        if (pieces.Count == 0)
        {
            return null;
        }
        var sb = new StringBuilder();
        foreach (var piece in pieces)
        {
            sb.Append(sb.Length == 0 ? "\"" : " AND \"").Append(piece).Append('"');
        }
        return sb.ToString();
    }

    private static bool IsWhole(string s, int start)
    {
        for (var i = start; i < start + Length; i++)
        {
            var c = s[i];
            if (!char.IsLetterOrDigit(c) && c != '-' && c != '.')
            {
                return false;
            }
        }
        return true;
    }
}
