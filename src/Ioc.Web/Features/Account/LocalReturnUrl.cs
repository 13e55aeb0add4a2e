using System.Text;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Where to send someone after signing in or switching language: a path of this site, or home.
/// Anything else would let a crafted link send a signed-in person elsewhere (<c>//evil</c>,
/// <c>/\evil</c>, which browsers read as <c>//evil</c>, tabs and line breaks that browsers drop),
/// and a value <c>LocalRedirect</c> refuses would end in a 500.
/// </summary>
public static class LocalReturnUrl
{
    public const int MaxLength = 2000;

    /// <summary>The URL when it is a safe local path, with non-ASCII characters percent-encoded; otherwise null.</summary>
    public static string? Parse(string? url)
    {
        if (url is not { Length: > 0 and <= MaxLength } || url[0] != '/' || (url.Length > 1 && url[1] == '/'))
        {
            return null;
        }
        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return null;
            }
        }
        return EncodeNonAscii(url);
    }

    /// <summary>The URL when it is safe, else the home page.</summary>
    public static string OrHome(string? url) => Parse(url) ?? "/";

    // A Location header carries ASCII only; Kestrel refuses anything else with an exception.
    private static string EncodeNonAscii(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }
        var sb = new StringBuilder(url.Length * 2);
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                sb.Append((char)rune.Value);
            }
            else
            {
                sb.Append(Uri.EscapeDataString(rune.ToString()));
            }
        }
        return sb.ToString();
    }
}
