using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ioc.Contracts;

namespace Ioc.Aggregation.Ingest;

/// <summary>What a request body held: a batch, field errors of individual events, or no batch at all.</summary>
/// <param name="Events">The events, with null where an event's own fields could not be read.</param>
/// <param name="FieldErrors">Wrong types and unreadable timestamps, by event.</param>
/// <param name="Problem">Why the body is no batch at all (not JSON, no events array).</param>
public sealed record BodyReadResult(IReadOnlyList<IngestEvent?>? Events, IReadOnlyList<IngestError> FieldErrors, (string Title, string Detail)? Problem);

/// <summary>
/// Reads a batch body. The generated deserializer reads a correct body in one pass; only when it
/// fails is the body read again, event by event and field by field, so that a wrong type in one
/// field is reported for that event and field instead of refusing the request as "malformed JSON".
/// </summary>
public static class IngestBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static readonly Dictionary<string, JsonPropertyInfo> Fields =
        IngestJsonContext.Default.IngestEvent.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static BodyReadResult Read(ReadOnlyMemory<byte> body)
    {
        // A UTF-8 byte order mark, as some Windows tools write: the stream reader skipped it before.
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }
        try
        {
            var batch = JsonSerializer.Deserialize(body.Span, IngestJsonContext.Default.IngestBatch);
            return batch?.Events is { } events
                ? new BodyReadResult(events, [], null)
                : new BodyReadResult(null, [], NoEvents);
        }
        catch (JsonException fast)
        {
            return ReadFieldByFieldSafely(body, fast);
        }
        catch (InvalidOperationException fast)
        {
            // Strings that are not valid UTF-8, or escape an unpaired surrogate, fail in transcoding.
            return ReadFieldByFieldSafely(body, fast);
        }
    }

    private static readonly (string, string) NoEvents = ("No events", "The body must be an object with an 'events' array.");

    /// <summary>A property name that is not valid UTF-8 fails in transcoding too, outside any one field.</summary>
    private static BodyReadResult ReadFieldByFieldSafely(ReadOnlyMemory<byte> body, Exception fast)
    {
        try
        {
            return ReadFieldByField(body, fast);
        }
        catch (InvalidOperationException)
        {
            return new BodyReadResult(null, [], ("Malformed JSON", "A property name is not valid text (invalid UTF-8 or an unpaired surrogate)."));
        }
    }

    private static BodyReadResult ReadFieldByField(ReadOnlyMemory<byte> body, Exception fast)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new BodyReadResult(null, [], ("Malformed JSON", $"The body is not valid JSON: {ErrorText.Shorten(ex.Message, 300)}"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || EventsArray(root) is not { } array)
            {
                return new BodyReadResult(null, [], root.ValueKind == JsonValueKind.Object && CountEvents(root) > 1
                    ? ("Malformed JSON", "'events' is given more than once.")
                    : NoEvents);
            }
            var events = new List<IngestEvent?>(array.GetArrayLength());
            var errors = new List<IngestError>();
            foreach (var element in array.EnumerateArray())
            {
                events.Add(ReadEvent(events.Count, element, errors));
            }
            if (errors.Count == 0)
            {
                // Both readers follow the same rules, so this means they drifted apart: say what the fast one said.
                return new BodyReadResult(null, [], ("Malformed JSON", $"The body is not a valid batch: {ErrorText.Shorten(fast.Message, 300)}"));
            }
            return new BodyReadResult(events, errors, null);
        }
    }

    private static JsonElement? EventsArray(JsonElement root) =>
        CountEvents(root) == 1 && root.EnumerateObject().First(IsEvents).Value is { ValueKind: JsonValueKind.Array } array ? array : null;

    private static int CountEvents(JsonElement root) => root.EnumerateObject().Count(IsEvents);

    private static bool IsEvents(JsonProperty p) => string.Equals(p.Name, "events", StringComparison.OrdinalIgnoreCase);

    private static IngestEvent? ReadEvent(int index, JsonElement element, List<IngestError> errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new IngestError(index, null, "event.not-object", $"An event must be a JSON object, not {Describe(element.ValueKind)}."));
            return null;
        }
        string? id = null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                id = ErrorText.ShortenId(TryGetString(property.Value));
            }
        }
        var before = errors.Count;
        var e = new IngestEvent();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (!Fields.TryGetValue(property.Name, out var field))
            {
                continue; // Unknown fields are ignored, so sources can send more than we read.
            }
            if (!seen.Add(field.Name))
            {
                errors.Add(new IngestError(index, id, "field.duplicate", $"'{field.Name}' is given more than once."));
                continue;
            }
            if (Decode(field, property.Value, out var value) is { } wrong)
            {
                errors.Add(new IngestError(index, id, wrong.Code, $"'{field.Name}' {wrong.Problem}."));
                continue;
            }
            field.Set!(e, value);
        }
        return errors.Count == before ? e : null;
    }

    private static (string Code, string Problem)? Decode(JsonPropertyInfo field, JsonElement json, out object? value)
    {
        try
        {
            return ReadValue(field, json, out value);
        }
        catch (InvalidOperationException)
        {
            value = null;
            return ("field.encoding", "is not valid text (invalid UTF-8 or an unpaired surrogate)");
        }
    }

    private static string? TryGetString(JsonElement json)
    {
        try
        {
            return json.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The value of one field, or null and the error code and description of what is wrong with it.</summary>
    private static (string Code, string Problem)? ReadValue(JsonPropertyInfo field, JsonElement json, out object? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var type = field.PropertyType;
        if (type == typeof(string))
        {
            value = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
            return value is null ? ("field.type", $"must be a string, not {Describe(json.ValueKind)}") : null;
        }
        if (type == typeof(bool?))
        {
            value = json.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
            return value is null ? ("field.type", $"must be true or false, not {Describe(json.ValueKind)}") : null;
        }
        if (type == typeof(double?))
        {
            if (json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var d) && double.IsFinite(d))
            {
                value = d;
                return null;
            }
            return json.ValueKind == JsonValueKind.Number ? ("field.invalid", "is out of range") : ("field.type", $"must be a number, not {Describe(json.ValueKind)}");
        }
        if (type == typeof(DateTimeOffset?))
        {
            if (json.ValueKind != JsonValueKind.String)
            {
                return ("field.type", $"must be a string with {IsoTimestamp.Expected}, not {Describe(json.ValueKind)}");
            }
            var text = json.GetString();
            if (text is { Length: > 64 })
            {
                return ("field.invalid", $"is too long for a timestamp; expected {IsoTimestamp.Expected}");
            }
            if (IsoTimestamp.TryParse(text, out var at, out var error))
            {
                value = at;
                return null;
            }
            return (IsoTimestamp.LacksOffset(text) ? "field.no-offset" : "field.invalid", $"{error} (got \"{ErrorText.Shorten(text!, 40)}\")");
        }
        throw new InvalidOperationException($"IngestEvent.{field.Name} has a type ({type}) that the field-by-field reader does not know.");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        _ => "null",
    };
}

/// <summary>Keeps what an error message echoes of a caller's input short: a 15 MB id is not sent back.</summary>
public static class ErrorText
{
    public const int MaxEcho = 80;

    public static string Shorten(string text, int max = MaxEcho)
    {
        if (text.Length <= max)
        {
            return text;
        }
        // Never cut a surrogate pair in half: the answer must stay valid UTF-16.
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    public static string? ShortenId(string? id) => id is null ? null : Shorten(id, 128);
}
