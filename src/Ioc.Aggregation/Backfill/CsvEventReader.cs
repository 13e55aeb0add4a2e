using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;

namespace Ioc.Aggregation.Backfill;

/// <summary>
/// Reads events from RFC 4180 CSV: the header names <see cref="IngestEvent"/> fields (any case),
/// each following record is one event. Quoted fields may hold commas, quotes and line breaks, so
/// each event carries the line its record starts on, which is what error messages quote.
/// </summary>
public sealed class CsvEventReader(TextReader reader)
{
    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(IngestEvent).GetProperties().ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private int _line = 1;

    /// <summary>Conversion problems (bad number, date, unknown column), by line.</summary>
    public List<IngestError> Errors { get; } = [];

    public async IAsyncEnumerable<IReadOnlyList<(int Line, IngestEvent Event)>> ReadChunksAsync(int chunkSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var header = await ReadRecordAsync();
        if (header is null)
        {
            yield break;
        }
        var columns = new PropertyInfo?[header.Value.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = header.Value.Fields[i].Trim();
            if (!Properties.TryGetValue(name, out columns[i]))
            {
                Errors.Add(new IngestError(header.Value.Line, null, "csv.column", $"Unknown column '{name}'."));
            }
        }
        var chunk = new List<(int, IngestEvent)>(chunkSize);
        while (await ReadRecordAsync() is { } record)
        {
            ct.ThrowIfCancellationRequested();
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue;
            }
            if (record.Fields.Count != columns.Length)
            {
                Errors.Add(new IngestError(record.Line, null, "csv.fields", $"Expected {columns.Length} fields, found {record.Fields.Count}."));
                continue;
            }
            var e = new IngestEvent();
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is { } property && record.Fields[i].Length > 0)
                {
                    Assign(e, property, record.Fields[i], record.Line);
                }
            }
            chunk.Add((record.Line, e));
            if (chunk.Count == chunkSize)
            {
                yield return chunk;
                chunk = new List<(int, IngestEvent)>(chunkSize);
            }
        }
        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private void Assign(IngestEvent e, PropertyInfo property, string text, int line)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object? value = null;
        if (type == typeof(string))
        {
            value = text;
        }
        else if (type == typeof(bool))
        {
            value = text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => null,
            };
        }
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            value = d;
        }
        else if (type == typeof(DateTimeOffset))
        {
            if (!IsoTimestamp.TryParse(text.Trim(), out var t, out var problem))
            {
                Errors.Add(new IngestError(line, ErrorText.ShortenId(e.Id), IsoTimestamp.LacksOffset(text.Trim()) ? "field.no-offset" : "csv.value",
                    $"{property.Name}: '{ErrorText.Shorten(text)}' {problem}."));
                return;
            }
            value = t;
        }
        if (value is null)
        {
            Errors.Add(new IngestError(line, ErrorText.ShortenId(e.Id), "csv.value", $"'{ErrorText.Shorten(text)}' is not a valid {property.Name}."));
            return;
        }
        property.SetValue(e, value);
    }

    private async Task<(int Line, List<string> Fields)?> ReadRecordAsync()
    {
        var startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var any = false;
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                if (!any)
                {
                    return null;
                }
                fields.Add(field.ToString());
                return (startLine, fields);
            }
            any = true;
            var ch = (char)next;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return (startLine, fields);
                default:
                    field.Append(ch);
                    break;
            }
        }
    }
}
