using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Tests.Ingest;

/// <summary>One hostile request: its body, content type, and what the API must answer.</summary>
/// <param name="Expect">The error code in <c>errors[]</c>, or the problem's title when the body is no batch; null for 200.</param>
public sealed record HostileCase(string Name, byte[] Body, string? ContentType, HttpStatusCode Status, string? Expect)
{
    public override string ToString() => Name;
}

/// <summary>One app for the whole corpus: refused requests change nothing, so cases cannot disturb each other.</summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public IocAppFactory App { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// A corpus of hostile inputs (shapes, types, sizes, encodings, control characters, formula cells,
/// markup): each gets its status and error code, and a refused one leaves the database as it was.
/// </summary>
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);
    private const string Commune = "H49.X07090";
    private const string CommuneProcedure = "1.001193";

    public static TheoryData<HostileCase> Corpus()
    {
        var data = new TheoryData<HostileCase>();
        foreach (var c in Shapes().Concat(Types()).Concat(Characters()).Concat(Sizes()).Concat(Meanings()).Concat(Inert()))
        {
            data.Add(c);
        }
        return data;
    }

    [Fact]
    public void Corpus_HasAtLeast150Cases() => Assert.True(Corpus().Count >= 150, $"{Corpus().Count} cases");

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Post_HostileInput_AnsweredExactlyAndNothingElseChanges(HostileCase c)
    {
        var before = Fingerprint();
        using var content = new ByteArrayContent(c.Body);
        if (c.ContentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }

        var response = await fixture.Client.PostAsync("/api/v1/events", content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(c.Status == response.StatusCode, $"{c.Name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        if (c.Status == HttpStatusCode.OK)
        {
            return;
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(text.Length < 20_000, $"{c.Name}: an answer of {text.Length} characters");
        var problem = JsonDocument.Parse(text).RootElement;
        if (c.Expect is not null)
        {
            var codes = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList() : [];
            Assert.True(codes.Contains(c.Expect) || problem.GetProperty("title").GetString() == c.Expect,
                $"{c.Name}: expected {c.Expect}, got {problem.GetProperty("title").GetString()} [{string.Join(", ", codes)}]");
        }
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public async Task Post_MarkupAndFormulaText_StoredVerbatim()
    {
        const string text = "=HYPERLINK(\"http://x\",\"bấm\") <img src=x onerror=alert(1)> @SUM(A1) +1-1";
        var e = Ticket("PA-HV");
        e["text"] = text;

        var response = await fixture.Client.PostAsync("/api/v1/events", Body(Batch(e)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var c = new SqliteConnection($"Data Source={fixture.App.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Text FROM Tickets WHERE Code = 'PA-HV'";
        Assert.Equal(text, cmd.ExecuteScalar());
    }

    private static StringContent Body(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>What every refused request must leave alone.</summary>
    private string Fingerprint()
    {
        using var c = new SqliteConnection($"Data Source={fixture.App.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT COUNT(*) FROM Events) || '/' || (SELECT IFNULL(MAX(Seq), 0) FROM Events) || '/' ||
                   (SELECT COUNT(*) FROM Dossiers) || '/' || (SELECT COUNT(*) FROM Tickets) || '/' ||
                   (SELECT COUNT(*) FROM DossierRollups) || '/' || (SELECT COUNT(*) FROM TicketRollups) || '/' ||
                   (SELECT COUNT(*) FROM TicketAnswerTimes)
            """;
        return (string)cmd.ExecuteScalar()!;
    }

    private static long _next;

    private static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next)}";

    private static JsonObject Ticket(string? code = null)
    {
        code ??= Unique("PA");
        return new JsonObject
        {
            ["id"] = code + "-created",
            ["type"] = EventTypes.TicketCreated,
            ["occurredAt"] = At.ToString("O"),
            ["ticket"] = code,
            ["channel"] = "phone",
            ["text"] = "Phản ánh ngập nước tại tổ 3",
        };
    }

    private static JsonObject Dossier(string? code = null)
    {
        code ??= Unique("HS");
        return new JsonObject
        {
            ["id"] = code + "-received",
            ["type"] = EventTypes.DossierReceived,
            ["occurredAt"] = At.ToString("O"),
            ["dossier"] = code,
            ["unit"] = Commune,
            ["procedure"] = CommuneProcedure,
            ["channel"] = "online",
        };
    }

    private static JsonObject With(JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    private static JsonObject Batch(params JsonObject[] events) => new() { ["events"] = new JsonArray([.. events]) };

    private static HostileCase Json(string name, JsonNode body, HttpStatusCode status, string? expect) =>
        new(name, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", status, expect);

    private static HostileCase Raw(string name, string body, HttpStatusCode status, string? expect, string? contentType = "application/json") =>
        new(name, Encoding.UTF8.GetBytes(body), contentType, status, expect);

    private static IEnumerable<HostileCase> Shapes()
    {
        const HttpStatusCode bad = HttpStatusCode.BadRequest;
        yield return Raw("shape: empty body", "", bad, "Malformed JSON");
        yield return Raw("shape: null", "null", bad, "No events");
        yield return Raw("shape: array", "[]", bad, "No events");
        yield return Raw("shape: string", "\"events\"", bad, "No events");
        yield return Raw("shape: number", "42", bad, "No events");
        yield return Raw("shape: boolean", "true", bad, "No events");
        yield return Raw("shape: empty object", "{}", bad, "No events");
        yield return Raw("shape: events null", "{\"events\":null}", bad, "No events");
        yield return Raw("shape: events object", "{\"events\":{}}", bad, "No events");
        yield return Raw("shape: events string", "{\"events\":\"x\"}", bad, "No events");
        yield return Raw("shape: events number", "{\"events\":1}", bad, "No events");
        yield return Raw("shape: events twice", "{\"events\":[],\"events\":[]}", bad, "Malformed JSON");
        yield return Raw("shape: truncated", "{\"events\":[", bad, "Malformed JSON");
        yield return Raw("shape: trailing comma", "{\"events\":[{\"id\":\"a\",}]}", bad, "Malformed JSON");
        yield return Raw("shape: single quotes", "{'events':[]}", bad, "Malformed JSON");
        yield return Raw("shape: trailing garbage", "{\"events\":[]} x", bad, "Malformed JSON");
        yield return Raw("shape: comment", "{\"events\":[] /* hi */}", bad, "Malformed JSON");
        yield return Raw("shape: NaN literal", "{\"events\":[{\"latitude\":NaN}]}", bad, "Malformed JSON");
        yield return Raw("shape: nesting 200 deep", "{\"events\":[{\"text\":" + new string('[', 200) + new string(']', 200) + "}]}", bad, "Malformed JSON");
        yield return new HostileCase("encoding: invalid UTF-8", [.. "{\"events\":[{\"text\":\""u8, 0xFF, 0xFE, .. "\"}]}"u8], "application/json", bad, "field.encoding");
        yield return new HostileCase("encoding: invalid UTF-8 field name", [.. "{\"events\":[{\"id\":1,\""u8, 0xFF, .. "\":0}]}"u8], "application/json", bad, "Malformed JSON");
        yield return new HostileCase("encoding: invalid UTF-8 name beside events", [.. "{\""u8, 0xC3, .. "\":1,\"events\":[{\"id\":true}]}"u8], "application/json", bad, "Malformed JSON");
        yield return new HostileCase("encoding: UTF-16", Encoding.Unicode.GetBytes("{\"events\":[]}"), "application/json", bad, "Malformed JSON");
        yield return Raw("shape: null event", "{\"events\":[null]}", bad, "event.null");
        yield return Raw("shape: number event", "{\"events\":[1]}", bad, "event.not-object");
        yield return Raw("shape: string event", "{\"events\":[\"x\"]}", bad, "event.not-object");
        yield return Raw("shape: array event", "{\"events\":[[]]}", bad, "event.not-object");
        yield return Raw("shape: boolean event", "{\"events\":[true]}", bad, "event.not-object");
        yield return Raw("content type: text/plain", "{\"events\":[]}", HttpStatusCode.UnsupportedMediaType, "JSON expected", "text/plain");
        yield return Raw("content type: none", "{\"events\":[]}", HttpStatusCode.UnsupportedMediaType, "JSON expected", null);
        yield return Raw("content type: xml", "<events/>", HttpStatusCode.UnsupportedMediaType, "JSON expected", "application/xml");
        yield return Raw("content type: form", "events=1", HttpStatusCode.UnsupportedMediaType, "JSON expected", "application/x-www-form-urlencoded");
        yield return Json("size: 5001 events", new JsonObject { ["events"] = new JsonArray([.. Enumerable.Range(0, 5_001).Select(_ => (JsonNode)new JsonObject())]) },
            HttpStatusCode.RequestEntityTooLarge, "batch.too-large");
        yield return Raw("size: body over 16 MiB", "{\"events\":[{\"text\":\"" + new string('a', 17 * 1024 * 1024) + "\"}]}", HttpStatusCode.RequestEntityTooLarge, "Body too large");
    }

    private static readonly string[] StringFields =
        ["id", "type", "actor", "dossier", "unit", "procedure", "channel", "ticket", "category", "text", "address", "commune",
         "reporterName", "reporterPhone", "urgency", "answer", "duplicateOf", "reason"];

    private static IEnumerable<HostileCase> Types()
    {
        const HttpStatusCode bad = HttpStatusCode.BadRequest;
        JsonNode?[] notStrings = [JsonValue.Create(1), JsonValue.Create(true), new JsonObject(), new JsonArray()];
        foreach (var field in StringFields)
        {
            foreach (var value in notStrings)
            {
                yield return Json($"type: {field} = {value?.ToJsonString()}", Batch(With(Ticket(), field, value?.DeepClone())), bad, "field.type");
            }
        }
        foreach (var field in new[] { "paidOnline", "digitized", "electronicResult", "isPublic", "satisfied" })
        {
            foreach (var value in new JsonNode[] { JsonValue.Create("true"), JsonValue.Create(1), JsonValue.Create("yes") })
            {
                yield return Json($"type: {field} = {value.ToJsonString()}", Batch(With(Ticket(), field, value)), bad, "field.type");
            }
        }
        foreach (var field in new[] { "latitude", "longitude" })
        {
            foreach (var value in new JsonNode[] { JsonValue.Create("NaN"), JsonValue.Create("1.5"), JsonValue.Create(true), JsonValue.Create("Infinity") })
            {
                yield return Json($"type: {field} = {value.ToJsonString()}", Batch(With(Ticket(), field, value)), bad, "field.type");
            }
            yield return Raw($"range: {field} = 1e400", Batch(Ticket()).ToJsonString().Replace("\"text\":", $"\"{field}\":1e400,\"text\":"), bad, "field.invalid");
        }
        var times = new (string Name, JsonNode Value, string Code)[]
        {
            ("epoch number", JsonValue.Create(1773975600), "field.type"),
            ("epoch milliseconds", JsonValue.Create(1773975600000), "field.type"),
            ("no offset", JsonValue.Create("2026-03-20T10:00:00"), "field.no-offset"),
            ("date only", JsonValue.Create("2026-03-20"), "field.no-offset"),
            ("30 February", JsonValue.Create("2026-02-30T10:00:00+07:00"), "field.invalid"),
            ("hour 24", JsonValue.Create("2026-03-20T24:00:00+07:00"), "field.invalid"),
            ("offset +25:00", JsonValue.Create("2026-03-20T10:00:00+25:00"), "field.invalid"),
            ("garbage", JsonValue.Create("hôm qua"), "field.invalid"),
            ("very long", JsonValue.Create("2026-03-20T10:00:00+07:00" + new string('0', 100)), "field.invalid"),
            ("boolean", JsonValue.Create(true), "field.type"),
            ("object", new JsonObject(), "field.type"),
        };
        foreach (var field in new[] { "occurredAt", "dueAt" })
        {
            foreach (var (name, value, code) in times)
            {
                yield return Json($"time: {field} {name}", Batch(With(Ticket(), field, value.DeepClone())), bad, code);
            }
        }
        foreach (var field in new[] { "id", "type", "text" })
        {
            yield return Raw($"duplicate field: {field}", Batch(Ticket()).ToJsonString().Replace("\"text\":", $"\"{field}\":\"x\",\"text\":").Replace($"\"{field}\":\"x\",\"text\":\"x\",\"text\":", $"\"{field}\":\"x\",\"{field}\":\"x\",\"text\":"), bad, "field.duplicate");
        }
    }

    private static IEnumerable<HostileCase> Characters()
    {
        const HttpStatusCode bad = HttpStatusCode.BadRequest;
        foreach (var field in StringFields)
        {
            var e = Ticket();
            e[field] = (e[field]?.GetValue<string>() ?? "x") + "\0";
            yield return Json($"control: NUL in {field}", Batch(e), bad, "field.control-char");
        }
        var unsafeText = new (string Name, string Value)[]
        {
            ("right-to-left override", "Ngập \u202E3 ổt"), ("left-to-right embedding", "\u202AA"), ("pop directional", "A\u202C"),
            ("first-strong isolate", "A\u2068B"), ("pop isolate", "A\u2069"), ("DEL", "A\u007FB"), ("C1 next line", "A\u0085B"),
            ("escape", "\u001B[31mđỏ"), ("noncharacter U+FFFF", "A\uFFFF"), ("bell", "A\u0007"),
        };
        foreach (var (name, value) in unsafeText)
        {
            yield return Json($"control: {name} in text", Batch(With(Ticket(), "text", value)), bad, "field.control-char");
        }
        yield return Json("control: tab in dossier code", Batch(With(Dossier(), "dossier", "HS\t1")), bad, "field.control-char");
        yield return Json("control: newline in reporter name", Batch(With(Ticket(), "reporterName", "Nguyễn\nVăn A")), bad, "field.control-char");
        yield return Raw("control: lone surrogate in text", Batch(Ticket()).ToJsonString().Replace("\"text\":\"", "\"text\":\"\\ud800"), bad, "field.encoding");
    }

    private static IEnumerable<HostileCase> Sizes()
    {
        const HttpStatusCode bad = HttpStatusCode.BadRequest;
        yield return Json("size: id of 129", Batch(With(Ticket(), "id", new string('i', 129))), bad, "field.too-long");
        yield return Json("size: id of 5 MiB", Batch(With(Ticket(), "id", new string('i', 5 * 1024 * 1024))), bad, "field.too-long");
        yield return Json("size: text over 10,000", Batch(With(Ticket(), "text", new string('ă', 10_001))), bad, "field.too-long");
        yield return Json("size: dossier code of 65", Batch(With(Dossier(), "dossier", new string('H', 65))), bad, "field.too-long");
        yield return Json("size: ticket code of 65", Batch(With(Ticket(), "ticket", new string('P', 65))), bad, "field.too-long");
        yield return Json("size: actor of 201", Batch(With(Ticket(), "actor", new string('a', 201))), bad, "field.too-long");
        yield return Json("size: address of 501", Batch(With(Ticket(), "address", new string('a', 501))), bad, "field.too-long");
        yield return Json("size: reporter name of 201", Batch(With(Ticket(), "reporterName", new string('a', 201))), bad, "field.too-long");
        yield return Json("size: reporter phone of 41", Batch(With(Ticket(), "reporterPhone", new string('0', 41))), bad, "field.too-long");
        yield return Json("size: unit code of 1 MiB", Batch(With(Dossier(), "unit", new string('U', 1024 * 1024))), bad, "unit.unknown");
        yield return Json("size: event type of 1 MiB", Batch(With(Ticket(), "type", new string('t', 1024 * 1024))), bad, "event.type");
    }

    private static IEnumerable<HostileCase> Meanings()
    {
        const HttpStatusCode bad = HttpStatusCode.BadRequest;
        yield return Json("meaning: unknown type", Batch(With(Ticket(), "type", "ticket.teleported")), bad, "event.type");
        yield return Json("meaning: no type", Batch(With(Ticket(), "type", null)), bad, "event.type");
        yield return Json("meaning: no id", Batch(With(Ticket(), "id", null)), bad, "field.missing");
        yield return Json("meaning: blank id", Batch(With(Ticket(), "id", "   ")), bad, "field.missing");
        yield return Json("meaning: no occurredAt", Batch(With(Ticket(), "occurredAt", null)), bad, "field.missing");
        yield return Json("meaning: in the future", Batch(With(Ticket(), "occurredAt", IngestHarness.DefaultNow.AddHours(1).ToString("O"))), bad, "event.future");
        yield return Json("meaning: before 2000", Batch(With(Ticket(), "occurredAt", "1999-12-31T23:00:00+07:00")), bad, "event.too-old");
        yield return Json("meaning: unknown unit", Batch(With(Dossier(), "unit", "H49.NOPE")), bad, "unit.unknown");
        yield return Json("meaning: unknown procedure", Batch(With(Dossier(), "procedure", "9.999999")), bad, "procedure.unknown");
        yield return Json("meaning: commune procedure at the province", Batch(With(Dossier(), "unit", "H49")), bad, "procedure.wrong-unit");
        yield return Json("meaning: unknown category", Batch(With(Ticket(), "category", "NOPE")), bad, "category.unknown");
        yield return Json("meaning: unknown dossier channel", Batch(With(Dossier(), "channel", "pigeon")), bad, "field.invalid");
        yield return Json("meaning: unknown ticket channel", Batch(With(Ticket(), "channel", "fax")), bad, "field.invalid");
        yield return Json("meaning: unknown urgency", Batch(With(Ticket(), "urgency", "panic")), bad, "field.invalid");
        yield return Json("meaning: latitude without longitude", Batch(With(Ticket(), "latitude", 21.0)), bad, "field.invalid");
        yield return Json("meaning: latitude 91", Batch(With(With(Ticket(), "latitude", 91.0), "longitude", 107.0)), bad, "field.invalid");
        yield return Json("meaning: completed, never received",
            Batch(new JsonObject { ["id"] = Unique("x"), ["type"] = EventTypes.DossierCompleted, ["occurredAt"] = At.ToString("O"), ["dossier"] = Unique("HS") }), bad, "dossier.unknown");
        var dossier = Dossier();
        var code = dossier["dossier"]!.GetValue<string>();
        yield return Json("meaning: completed before received",
            Batch(dossier, new JsonObject { ["id"] = Unique("x"), ["type"] = EventTypes.DossierCompleted, ["occurredAt"] = At.AddHours(-2).ToString("O"), ["dossier"] = code }), bad, "event.out-of-order");
        var ticket = Ticket();
        yield return Json("meaning: same id twice with other content", Batch(ticket, With(Ticket(), "id", ticket["id"]!.GetValue<string>())), HttpStatusCode.Conflict, "event.id-conflict");
        yield return Json("meaning: answered before created",
            Batch(new JsonObject { ["id"] = Unique("x"), ["type"] = EventTypes.TicketAnswered, ["occurredAt"] = At.ToString("O"), ["ticket"] = Unique("PA"), ["answer"] = "Đã xử lý" }), bad, "ticket.unknown");
    }

    /// <summary>Text that looks dangerous elsewhere (spreadsheets, browsers, SQL) but is only text here: stored, shown as text.</summary>
    private static IEnumerable<HostileCase> Inert()
    {
        var ok = HttpStatusCode.OK;
        yield return Json("inert: script in text", Batch(With(Ticket(), "text", "<script>alert(1)</script>")), ok, null);
        yield return Json("inert: formula in text", Batch(With(Ticket(), "text", "=HYPERLINK(\"http://evil.example\",\"bấm\")")), ok, null);
        yield return Json("inert: formula dossier code", Batch(Dossier("=1+1")), ok, null);
        yield return Json("inert: at-sign reporter", Batch(With(Ticket(), "reporterName", "@SUM(A1:A9)")), ok, null);
        yield return Json("inert: minus address", Batch(With(Ticket(), "address", "-2+3")), ok, null);
        yield return Json("inert: SQL in dossier code", Batch(Dossier("x'); DROP TABLE Events;--")), ok, null);
        yield return Json("inert: emoji and joiners", Batch(With(Ticket(), "text", "Ngập 🌊👨‍👩‍👧 nặng")), ok, null);
        yield return Json("inert: Arabic text", Batch(With(Ticket(), "text", "مرحبا Xin chào")), ok, null);
        yield return Json("inert: decomposed Vietnamese", Batch(With(Ticket(), "text", "Phản ánh".Normalize(NormalizationForm.FormD))), ok, null);
        yield return Json("inert: unknown extra field", Batch(With(Ticket(), "colour", "đỏ")), ok, null);
        yield return Json("inert: BOM-less, fields in other case", Batch(new JsonObject
        {
            ["ID"] = Unique("x"), ["Type"] = EventTypes.TicketCreated, ["OCCURREDAT"] = At.ToString("O"), ["Ticket"] = Unique("PA"), ["channel"] = "phone", ["text"] = "chữ hoa",
        }), ok, null);
        yield return new HostileCase("inert: UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Batch(Ticket()).ToJsonString())], "application/json", ok, null);
        yield return Json("inert: empty batch", new JsonObject { ["events"] = new JsonArray() }, ok, null);
    }
}
