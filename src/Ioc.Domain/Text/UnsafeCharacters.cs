namespace Ioc.Domain.Text;

/// <summary>
/// Characters that no field of an event may carry. NUL and other control characters break
/// exports, terminals and other systems that read our data; bidirectional embeddings, overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069) make text display in an order other than the one
/// stored ("Trojan Source"); lone surrogates are not text at all. Line breaks and tabs are allowed
/// in free text (a citizen's feedback, an answer), never in codes and names.
/// </summary>
public static class UnsafeCharacters
{
    /// <summary>The first unsafe character of <paramref name="text"/>, or null when there is none.</summary>
    public static (int Position, int CodePoint)? Find(string? text, bool multiline)
    {
        if (text is null)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsUnsafe(c, multiline))
            {
                return (i, c);
            }
        }
        return null;
    }

    private static bool IsUnsafe(char c, bool multiline) => c switch
    {
        '\t' or '\n' or '\r' => !multiline,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        '\uFFFE' or '\uFFFF' => true,
        _ => char.IsSurrogate(c),
    };
}
