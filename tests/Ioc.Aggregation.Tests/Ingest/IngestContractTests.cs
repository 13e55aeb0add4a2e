using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Ingest;

/// <summary>
/// The exact rules of the ingest API that a feeding system relies on: which keys may send what,
/// which timestamps count, when a repeated id is a retry and when a conflict, what errors say.
/// </summary>
public sealed class IngestContractTests : IAsyncLifetime
{
    private const string DossierOnlyKey = "dossier-only-key-0123456789abcdef";
    private const string TicketOnlyKey = "ticket-only-key-0123456789abcdef";
    private const string SecondSourceKey = "second-source-key-0123456789abcd";
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    private readonly IocAppFactory _app = new IocAppFactory()
        .With("Ingest:Sources:1:Name", "mot-cua").With("Ingest:Sources:1:Key", DossierOnlyKey).With("Ingest:Sources:1:Allow:0", "dossier")
        .With("Ingest:Sources:2:Name", "tong-dai").With("Ingest:Sources:2:Key", TicketOnlyKey).With("Ingest:Sources:2:Allow:0", "ticket")
        .With("Ingest:Sources:3:Name", "he-thong-2").With("Ingest:Sources:3:Key", SecondSourceKey)
        .With("Ingest:RequestsPerMinutePerKey", "5");

    private string _commune = "";
    private string _communeProcedure = "";

    public Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        _commune = _app.Catalog.Units.All.First(u => u.IsLocal).Code;
        _communeProcedure = _app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_ConfiguredKeyForDossiers_TicketsRefused403()
    {
        var ticket = await PostAsync(DossierOnlyKey, Events.TicketCreated("PA-K1", At));
        var dossier = await PostAsync(DossierOnlyKey, Events.DossierReceived("HS-K1", _commune, _communeProcedure, At));

        Assert.Equal(HttpStatusCode.Forbidden, ticket.StatusCode);
        Assert.Equal(["source.forbidden"], await ErrorCodesAsync(ticket));
        Assert.Equal(HttpStatusCode.OK, dossier.StatusCode);
        Assert.Equal(1, Count("Events"));
    }

    [Fact]
    public async Task Post_ConfiguredKeyForTickets_DossiersRefused403()
    {
        var dossier = await PostAsync(TicketOnlyKey, Events.DossierReceived("HS-K2", _commune, _communeProcedure, At));
        var ticket = await PostAsync(TicketOnlyKey, Events.TicketCreated("PA-K2", At));

        Assert.Equal(HttpStatusCode.Forbidden, dossier.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
        Assert.Equal(0, Count("Dossiers"));
    }

    [Theory]
    [InlineData("2026-03-20T10:00:00", "field.no-offset")]
    [InlineData("2026-03-20", "field.no-offset")]
    [InlineData("2026-03-20T10:00", "field.no-offset")]
    [InlineData("2026-02-30T10:00:00+07:00", "field.invalid")]
    [InlineData("2026-03-20T25:00:00+07:00", "field.invalid")]
    [InlineData("20/03/2026 10:00", "field.invalid")]
    [InlineData("2026-03-20 10:00:00+07:00", "field.invalid")]
    public async Task Post_OccurredAtNotIsoWithOffset_Refused400NamingTheEvent(string occurredAt, string code)
    {
        var body = Batch(ValidTicket("PA-T1"), Patch(ValidTicket("PA-T2"), "occurredAt", occurredAt));

        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await ProblemAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("PA-T2-id", error.GetProperty("eventId").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains("occurredAt", error.GetProperty("message").GetString());
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_OccurredAtInUtcOrWithOffset_BothAccepted()
    {
        var response = await PostRawAsync(Batch(
            Patch(ValidTicket("PA-T3"), "occurredAt", "2026-03-20T03:00:00Z"),
            Patch(ValidTicket("PA-T4"), "occurredAt", "2026-03-20T10:00:00.123+07:00")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [DateTimeOffset.Parse("2026-03-20T03:00:00Z").ToUnixTimeMilliseconds(), DateTimeOffset.Parse("2026-03-20T03:00:00.123Z").ToUnixTimeMilliseconds()],
            Longs("SELECT OccurredAt FROM Events ORDER BY Seq"));
    }

    [Fact]
    public async Task Post_TypeErrors_EachNamedWithIndexIdAndCode()
    {
        var body = Batch(
            ValidTicket("PA-E0"),
            Patch(ValidTicket("PA-E1"), "isPublic", "yes"),
            Patch(ValidTicket("PA-E2"), "occurredAt", 1773975600),
            Patch(Patch(ValidTicket("PA-E3"), "latitude", "NaN"), "longitude", JsonValue.Create(true)));

        var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("Invalid events", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("eventId").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(1, "PA-E1-id", "field.type"), (2, "PA-E2-id", "field.type"), (3, "PA-E3-id", "field.type"), (3, "PA-E3-id", "field.type")], errors);
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_HugeIdWithTypeError_AnswerEchoesOnlyItsBeginning()
    {
        var id = new string('x', 5 * 1024 * 1024);
        var response = await PostRawAsync(Batch(Patch(Patch(ValidTicket("PA-H"), "id", id), "isPublic", 1)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 4_000, $"answer of {text.Length} characters");
        Assert.Contains("field.type", text);
    }

    [Fact]
    public async Task Post_SameIdSameContent_AcknowledgedAsDuplicate()
    {
        var body = Batch(ValidTicket("PA-D1"));
        (await PostRawAsync(body)).EnsureSuccessStatusCode();

        var again = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new IngestResult(0, 1), await again.Content.ReadFromJsonAsync<IngestResult>());
        Assert.Equal(1, Count("Events"));
    }

    [Fact]
    public async Task Post_SameIdOtherContent_Refused409NamingTheId()
    {
        (await PostRawAsync(Batch(ValidTicket("PA-D2")))).EnsureSuccessStatusCode();

        var response = await PostRawAsync(Batch(Patch(ValidTicket("PA-D3"), "id", "PA-D2-id")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = Assert.Single((await ProblemAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("event.id-conflict", error.GetProperty("code").GetString());
        Assert.Equal("PA-D2-id", error.GetProperty("eventId").GetString());
        Assert.Equal(0, Count("Tickets WHERE Code = 'PA-D3'"));
        Assert.Equal(1, Count("Events"));
    }

    [Fact]
    public async Task Post_SameIdTwiceInOneBatchWithOtherContent_Refused409()
    {
        var response = await PostRawAsync(Batch(ValidTicket("PA-D4"), Patch(ValidTicket("PA-D5"), "id", "PA-D4-id")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_SameIdFromAnotherSource_StoredForEach()
    {
        var body = Batch(ValidTicket("PA-D6"), Patch(Patch(ValidTicket("PA-D7"), "id", "shared-1"), "ticket", "PA-D7"));
        var second = Batch(Patch(Patch(ValidTicket("PA-D8"), "id", "shared-1"), "ticket", "PA-D8"));
        (await PostRawAsync(body)).EnsureSuccessStatusCode();

        var response = await PostRawAsync(second, SecondSourceKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new IngestResult(1, 0), await response.Content.ReadFromJsonAsync<IngestResult>());
        Assert.Equal(2, Count("Tickets WHERE Code IN ('PA-D7', 'PA-D8')"));
    }

    [Theory]
    [InlineData("text", "Ngập nước\0 tổ 3")]
    [InlineData("text", "Ngập nước \u202Eđảo chiều")]
    [InlineData("reporterName", "Nguyễn\u2066Văn A")]
    [InlineData("address", "Tổ 3\nphường X")]
    [InlineData("ticket", "PA-\u0007")]
    [InlineData("text", "bell \u0085 next line")]
    public async Task Post_ControlOrBidiCharacter_Refused(string field, string value)
    {
        var response = await PostRawAsync(Batch(Patch(ValidTicket("PA-C1"), field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["field.control-char"], await ErrorCodesAsync(response));
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_LineBreaksAndTabsInFreeText_Accepted()
    {
        var response = await PostRawAsync(Batch(Patch(ValidTicket("PA-C2"), "text", "Dòng 1\r\nDòng 2\tcột")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Count("Tickets WHERE Text = 'Dòng 1' || char(13, 10) || 'Dòng 2' || char(9) || 'cột'"));
    }

    [Fact]
    public async Task Post_CommuneProcedureAtDepartment_Refused()
    {
        var department = _app.Catalog.Units.All.First(u => u.Kind == Ioc.Domain.Units.UnitKind.Department).Code;

        var response = await PostAsync(TestKey, Events.DossierReceived("HS-P1", department, _communeProcedure, At));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["procedure.wrong-unit"], await ErrorCodesAsync(response));
        Assert.Equal(0, Count("Dossiers"));
    }

    [Fact]
    public async Task Post_DepartmentProcedureAtItsDepartmentOrACommune_OnlyTheDepartmentAccepted()
    {
        var procedure = _app.Catalog.Procedures.First(p => p.HandledBy != "commune");

        var atHandler = await PostAsync(TestKey, Events.DossierReceived("HS-P2", procedure.HandledBy, procedure.Code, At));
        var atCommune = await PostAsync(TestKey, Events.DossierReceived("HS-P3", _commune, procedure.Code, At));

        Assert.Equal(HttpStatusCode.OK, atHandler.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, atCommune.StatusCode);
    }

    [Fact]
    public async Task Post_ServiceKeyOfWebProcess_HasItsOwnRateLimitBucket()
    {
        using var anonymous = new HttpClient { BaseAddress = _app.ServerAddress };
        for (var i = 0; i < 6; i++)
        {
            await anonymous.PostAsync("/api/v1/events", new StringContent("{}", Encoding.UTF8, "application/json"));
        }
        using var web = new HttpClient { BaseAddress = _app.ServerAddress };
        web.DefaultRequestHeaders.Add(KpiServiceCredentials.Header, _app.ServiceKey);

        var response = await web.PostAsync("/api/v1/events", new StringContent(Batch(ValidTicket("PA-R1")).ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private const string TestKey = IocAppFactory.TestSourceKey;

    private static JsonObject ValidTicket(string code) => new()
    {
        ["id"] = code + "-id",
        ["type"] = EventTypes.TicketCreated,
        ["occurredAt"] = At.ToString("O"),
        ["ticket"] = code,
        ["channel"] = "phone",
        ["text"] = "Phản ánh ngập nước tại tổ 3",
        ["isPublic"] = true,
    };

    private static JsonObject Patch(JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    private static JsonObject Batch(params JsonObject[] events) => new() { ["events"] = new JsonArray([.. events]) };

    private async Task<HttpResponseMessage> PostRawAsync(JsonObject body, string key = TestKey)
    {
        using var client = _app.CreateApiClient(key);
        return await client.PostAsync("/api/v1/events", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private async Task<HttpResponseMessage> PostAsync(string key, IngestEvent e)
    {
        using var client = _app.CreateApiClient(key);
        return await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [e] }, IngestJsonContext.Default.IngestBatch);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<string?>> ErrorCodesAsync(HttpResponseMessage response) =>
        [.. (await ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())];

    private long Count(string tableAndFilter) => Longs("SELECT COUNT(*) FROM " + tableAndFilter).Single();

    private List<long> Longs(string sql)
    {
        using var c = new SqliteConnection($"Data Source={_app.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var result = new List<long>();
        while (r.Read())
        {
            result.Add(r.GetInt64(0));
        }
        return result;
    }
}

/// <summary>CSV backfill follows the API's rules for timestamps and numbers.</summary>
public sealed class BackfillContractTests
{
    [Theory]
    [InlineData("2026-03-16T08:00:00", "field.no-offset")]
    [InlineData("2026-03-16", "field.no-offset")]
    [InlineData("2026-03-16T08:00:00+07:00", null)]
    public async Task Load_OccurredAtWithoutOffset_RefusedWithLine(string occurredAt, string? code)
    {
        await using var h = await IngestHarness.CreateAsync();
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("t.csv");
        await File.WriteAllTextAsync(file, $"id,type,occurredAt,ticket,channel,text\nb1,ticket.created,{occurredAt},PA-1,phone,Ngập nước");

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.Equal(code, outcome.Errors.Select(e => e.Code).SingleOrDefault());
        Assert.Equal(code is null, outcome.Succeeded);
        if (code is not null)
        {
            Assert.Equal(2, outcome.Errors[0].Index);
        }
    }

    [Fact]
    public async Task Load_NaNLatitude_RefusedNot500()
    {
        await using var h = await IngestHarness.CreateAsync();
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("t.csv");
        await File.WriteAllTextAsync(file, "id,type,occurredAt,ticket,channel,text,latitude,longitude\nb1,ticket.created,2026-03-16T08:00:00+07:00,PA-1,phone,Ngập,NaN,107.1");

        var outcome = await h.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "test");

        Assert.False(outcome.Succeeded);
        Assert.Equal("field.invalid", Assert.Single(outcome.Errors).Code);
    }
}
