using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Tests;

/// <summary>The ingest API as a feeding system sees it: status codes, problem details, and what is stored.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private readonly IocAppFactory _app = new();
    private string _commune = "";
    private string _procedure = "";
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-1);

    public Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        _commune = _app.Catalog.Units.All.First(u => u.IsLocal).Code;
        _procedure = _app.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_ValidBatch_Returns200WithCountsAndStoresEvents()
    {
        var response = await _app.PostEventsAsync(
            Events.DossierReceived("A-1", _commune, _procedure, At, channel: "in-person"),
            Events.Dossier(EventTypes.DossierCompleted, "A-1", At.AddMinutes(30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<IngestResult>();
        Assert.Equal(new IngestResult(2, 0), result);
        Assert.Equal(2, Count("Events"));
        Assert.Equal(1, Count("Dossiers WHERE Status = 3"));
    }

    [Fact]
    public async Task Post_RepeatedEventId_IsAcknowledgedAndIgnored()
    {
        var received = Events.DossierReceived("A-2", _commune, _procedure, At, channel: "in-person");
        (await _app.PostEventsAsync(received)).EnsureSuccessStatusCode();

        var response = await _app.PostEventsAsync(received);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new IngestResult(0, 1), await response.Content.ReadFromJsonAsync<IngestResult>());
        Assert.Equal(1, Count("Events"));
    }

    [Fact]
    public async Task Post_WithoutKey_Returns401AndStoresNothing()
    {
        using var client = _app.CreateApiClient(key: null);
        var response = await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [Events.DossierReceived("A-3", _commune, _procedure, At)] });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_WrongKey_Returns401()
    {
        using var client = _app.CreateApiClient(key: "not-a-real-key-000000000000");
        var response = await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [] });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BatchWithBadEvents_Returns400NamingEachByIndexAndStoresNothing()
    {
        var response = await _app.PostEventsAsync(
            Events.DossierReceived("A-4", _commune, _procedure, At, channel: "in-person"),
            Events.DossierReceived("A-5", "NO-SUCH-UNIT", _procedure, At),
            Events.Dossier(EventTypes.DossierCompleted, "NEVER-RECEIVED", At),
            new IngestEvent { Id = Events.NewId(), Type = "dossier.teleported", OccurredAt = At, Dossier = "A-4" },
            Events.Dossier(EventTypes.DossierCompleted, "A-4", At.AddHours(-3)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Invalid events", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(1, "unit.unknown"), (2, "dossier.unknown"), (3, "event.type"), (4, "event.out-of-order")], errors);
        Assert.Equal(0, Count("Events"));
        Assert.Equal(0, Count("Dossiers"));
        Assert.Equal(0, Count("DossierRollups"));
    }

    [Fact]
    public async Task Post_MissingFields_AreNamed()
    {
        var response = await _app.PostEventsAsync(new IngestEvent { Type = EventTypes.DossierReceived, Dossier = "A-6" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("'id' is required.", messages);
        Assert.Contains(messages, m => m!.Contains("occurredAt"));
        Assert.Contains("'unit' is required.", messages);
    }

    [Fact]
    public async Task Post_EventInTheFuture_IsRefused()
    {
        var response = await _app.PostEventsAsync(Events.DossierReceived("A-7", _commune, _procedure, IngestHarness.DefaultNow.AddHours(2)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event.future", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400ProblemDetails()
    {
        using var client = _app.CreateApiClient();
        var response = await client.PostAsync("/api/v1/events", new StringContent("{\"events\": [ {\"id\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        using var client = _app.CreateApiClient();
        var response = await client.PostAsync("/api/v1/events", new StringContent("id,type", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        using var client = _app.CreateApiClient();
        var huge = new IngestEvent { Id = "big", Type = EventTypes.TicketCreated, Ticket = "T", Channel = "phone", OccurredAt = At, Text = new string('x', 17 * 1024 * 1024) };
        var response = await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [huge] });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, Count("Events"));
    }

    [Fact]
    public async Task Post_TooManyEvents_Returns413WithReason()
    {
        var events = Enumerable.Range(0, 5_001).Select(i => Events.Dossier(EventTypes.DossierCompleted, "X" + i, At)).ToArray();
        var response = await _app.PostEventsAsync(events);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 5000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_TicketWithScriptText_IsStoredVerbatim()
    {
        const string text = "<script>alert('x')</script><img src=x onerror=alert(1)> Phản ánh";
        (await _app.PostEventsAsync(Events.TicketCreated("PA-1", At, text: text))).EnsureSuccessStatusCode();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Text FROM Tickets WHERE Code = 'PA-1'";
        Assert.Equal(text, cmd.ExecuteScalar());
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={_app.DatabasePath}");
        c.Open();
        return c;
    }

    private long Count(string tableAndFilter)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM " + tableAndFilter;
        return (long)cmd.ExecuteScalar()!;
    }
}

/// <summary>Source keys made by admins: hashed in the database, revocable, limited to event families.</summary>
public sealed class SourceKeyTests : IAsyncLifetime
{
    private readonly IocAppFactory _app = new();

    public Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Ioc.Aggregation.Access.SourceKeyStore Store => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Ioc.Aggregation.Access.SourceKeyStore>(_app.Services);

    private async Task<HttpStatusCode> PostWithAsync(string key, IngestEvent e)
    {
        using var client = _app.CreateApiClient(key);
        return (await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [e] })).StatusCode;
    }

    private long Events()
    {
        using var c = new SqliteConnection($"Data Source={_app.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Events";
        return (long)cmd.ExecuteScalar()!;
    }

    private IngestEvent Ticket(string code) => Ioc.Testing.Events.TicketCreated(code, IngestHarness.DefaultNow.AddHours(-1));

    [Fact]
    public async Task CreatedKey_IsAcceptedAndStoredOnlyAsHash()
    {
        var (entity, secret) = await Store.CreateAsync("Hệ thống 1022", ["ticket"], "quantri");
        Assert.Equal(HttpStatusCode.OK, await PostWithAsync(secret, Ticket("K-1")));
        Assert.NotEqual(secret, entity.Hash);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(_app.DatabasePath + "-wal").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : ""));
    }

    [Fact]
    public async Task RevokedKey_Returns401AndStoresNothing()
    {
        var (entity, secret) = await Store.CreateAsync("Hệ thống cũ", ["ticket"], "quantri");
        await Store.RevokeAsync(entity.Id, "quantri");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostWithAsync(secret, Ticket("K-2")));
        Assert.Equal(0, Events());
    }

    [Fact]
    public async Task KeyForDossiersOnly_SendingTickets_Returns403AndStoresNothing()
    {
        var (_, secret) = await Store.CreateAsync("Một cửa", ["dossier"], "quantri");
        Assert.Equal(HttpStatusCode.Forbidden, await PostWithAsync(secret, Ticket("K-3")));
        Assert.Equal(0, Events());
    }
}
