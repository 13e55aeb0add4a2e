namespace Ioc.Aggregation;

/// <summary>
/// A command line split into the command's own words (<c>rebuild --check</c>) and configuration
/// overrides (<c>--Database:Path=x.db</c>, <c>--Database:Path x.db</c>, <c>/Database:Path=x.db</c>,
/// <c>Database:Path=x.db</c>, <c>--urls …</c>), in any order. Given to the host whole, <c>rebuild --check --Database:Path=X</c> made X the value of
/// <c>--check</c> and opened the default database.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words, string[] Configuration)
{
    /// <summary>Host settings that have no section but are configuration all the same.</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "urls", "environment", "contentRoot", "applicationName", "webroot" };

    public string? Name => Words.Count > 0 ? Words[0] : null;

    public static CommandLine Parse(string[] args)
    {
        var words = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            // The forms .NET's configuration reads: --Key=value, --Key value, /Key=value, /Key value, Key=value.
            var prefixed = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('/') ? arg[1..] : null;
            var key = (prefixed ?? arg).Split('=', 2)[0];
            var isSetting = prefixed is not null
                ? key.Contains(':') || HostKeys.Contains(key)
                : arg.Contains('=') && key.Contains(':') && !key.Contains('/') && !key.Contains('\\');
            if (isSetting)
            {
                configuration.Add(arg);
                if (prefixed is not null && !arg.Contains('=') && i + 1 < args.Length)
                {
                    configuration.Add(args[++i]);
                }
                continue;
            }
            words.Add(arg);
        }
        return new CommandLine(words, [.. configuration]);
    }

    /// <summary>The value after <paramref name="option"/>, anywhere among the words.</summary>
    public string? Option(string option) =>
        Words.ToList().IndexOf(option) is var i and > 0 && i + 1 < Words.Count ? Words[i + 1] : null;

    public bool Flag(string flag) => Words.Contains(flag);

    /// <summary>The words without options and their values, so <c>units --into d import f</c> reads as <c>units import f</c>.</summary>
    public IReadOnlyList<string> Positional(params string[] optionsWithValues)
    {
        var positional = new List<string>();
        for (var i = 0; i < Words.Count; i++)
        {
            if (optionsWithValues.Contains(Words[i]))
            {
                i++;
            }
            else if (!Words[i].StartsWith("--", StringComparison.Ordinal) || i == 0)
            {
                positional.Add(Words[i]);
            }
        }
        return positional;
    }

    /// <summary>Words starting with "--" that the command does not know: a typo must not be ignored.</summary>
    public IReadOnlyList<string> UnknownOptions(params string[] known) =>
        [.. Words.Skip(1).Where(w => w.StartsWith("--", StringComparison.Ordinal) && !known.Contains(w))];
}
