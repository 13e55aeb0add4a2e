namespace Ioc.Domain.Access;

/// <summary>How reporters' personal data look to everyone but hotline staff.</summary>
public static class Masking
{
    /// <summary>"0912345123" → "09xx xxx 123".</summary>
    public static string Phone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsDigit).ToArray());
        return digits.Length switch
        {
            0 => "",
            <= 5 => new string('x', digits.Length),
            _ => $"{digits[..2]}xx xxx {digits[^3..]}",
        };
    }

    /// <summary>"Nguyễn Văn An" → "N*** V** A*": initials only.</summary>
    public static string Name(string? name) =>
        string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0] + new string('*', Math.Max(1, w.Length - 1))));
}
