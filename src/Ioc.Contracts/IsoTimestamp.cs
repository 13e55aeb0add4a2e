using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Ioc.Contracts;

/// <summary>
/// The one timestamp format the ingest API and CSV backfill accept: ISO 8601 date and time with an
/// explicit UTC offset (<c>2026-12-06T08:00:00+07:00</c>, <c>2026-12-06T01:00:00Z</c>). A time
/// without an offset would be read in the server's time zone, which is not the source's: on a UTC
/// server that moves due dates, on-time verdicts and day buckets by seven hours.
/// </summary>
public static partial class IsoTimestamp
{
    public const string Expected = "an ISO 8601 date and time with a UTC offset, e.g. 2026-12-06T08:00:00+07:00 or 2026-12-06T01:00:00Z";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutOffset();

    /// <summary>True for a date or date and time that would be fine with an offset.</summary>
    public static bool LacksOffset(string? text) => text is not null && WithoutOffset().IsMatch(text);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string error)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            error = $"expected {Expected}";
            return false;
        }
        if (!Shape().IsMatch(text))
        {
            error = LacksOffset(text)
                ? $"has no UTC offset; expected {Expected}"
                : $"expected {Expected}";
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value))
        {
            error = "is not a real date and time (day, hour or offset out of range)";
            return false;
        }
        error = "";
        return true;
    }
}

/// <summary>Reads timestamps only in the <see cref="IsoTimestamp"/> format; a number (epoch) or an offset-less string is an error.</summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string with {IsoTimestamp.Expected}, found {Describe(reader.TokenType)}");
        }
        // Long strings cannot be timestamps; do not copy megabytes to say so.
        if (reader.HasValueSequence ? reader.ValueSequence.Length > 64 : reader.ValueSpan.Length > 64)
        {
            throw new JsonException($"expected {IsoTimestamp.Expected}");
        }
        var text = reader.GetString();
        return IsoTimestamp.TryParse(text, out var value, out var error) ? value : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => "a string",
    };
}
