using System.Globalization;
using System.Text;

namespace Ioc.Domain.Text;

/// <summary>
/// Folds Vietnamese text for search: lower case, tone and vowel marks removed, đ → d, runs of
/// whitespace collapsed, so that "phan anh ngap nuoc" finds "Phản ánh ngập nước".
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var c = ch switch
            {
                // U+00D0 'Ð' (Icelandic eth) stands for 'Đ' in text from legacy TCVN3/VNI converters.
                'đ' or 'Đ' or 'Ð' or 'ð' => 'd',
                _ => char.ToLowerInvariant(ch),
            };
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }
}
