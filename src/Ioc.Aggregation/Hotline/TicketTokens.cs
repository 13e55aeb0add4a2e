using Ioc.Domain.Text;

namespace Ioc.Aggregation.Hotline;

/// <summary>A feature of a ticket's text (a folded word or a pair of adjacent words) and how it was written.</summary>
public readonly record struct TicketToken(string Feature, string Surface);

/// <summary>
/// Splits a citizen's text into the features the suggestion model and duplicate detection
/// compare: folded words ("ngập" → "ngap") and adjacent word pairs ("ngap nuoc"), because
/// Vietnamese words are mostly two syllables written apart.
/// </summary>
public static class TicketTokens
{
    /// <summary>Distinct features, in order of first appearance, each with its first surface form.</summary>
    public static IReadOnlyList<TicketToken> Of(string? text)
    {
        var words = Words(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<TicketToken>(words.Count * 2);
        for (var i = 0; i < words.Count; i++)
        {
            if (seen.Add(words[i].Feature))
            {
                result.Add(words[i]);
            }
            if (i > 0)
            {
                var pair = words[i - 1].Feature + " " + words[i].Feature;
                if (seen.Add(pair))
                {
                    result.Add(new TicketToken(pair, words[i - 1].Surface + " " + words[i].Surface));
                }
            }
        }
        return result;
    }

    /// <summary>Words of two characters or more that are not bare numbers (house numbers and days say nothing about the matter).</summary>
    public static List<TicketToken> Words(string? text)
    {
        var words = new List<TicketToken>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark);
            if (inWord)
            {
                if (start < 0)
                {
                    start = i;
                }
                continue;
            }
            if (start >= 0)
            {
                var surface = text[start..i];
                var folded = SearchText.Fold(surface);
                if (folded.Length >= 2 && !folded.All(char.IsDigit))
                {
                    words.Add(new TicketToken(folded, surface));
                }
                start = -1;
            }
        }
        return words;
    }
}
