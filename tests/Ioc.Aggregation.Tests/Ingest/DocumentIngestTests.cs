using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Backfill;
using Ioc.Aggregation.Documents;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Ingest;

/// <summary>Document events (văn bản đến/đi) as the document management system sends them: answers, refusals, and what is stored.</summary>
public sealed class DocumentIngestTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddDays(-3);
    private readonly IocAppFactory _app = new();
    private string _department = "";

    public Task InitializeAsync()
    {
        _ = _app.ServerAddress;
        _department = _app.Catalog.Units.Children(_app.Catalog.Units.Root.Id).First(u => !u.IsLocal).Code;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IngestEvent Received(string code, DateTimeOffset at, DateTimeOffset? due = null, bool electronic = true) => new()
    {
        Id = Events.NewId(), Type = EventTypes.DocumentReceived, OccurredAt = at, Document = code, Unit = _department,
        Electronic = electronic, InterConnected = electronic, DueAt = due, Subject = "V/v báo cáo tình hình cải cách hành chính",
    };

    private static IngestEvent Step(string type, string code, DateTimeOffset at) => new() { Id = Events.NewId(), Type = type, OccurredAt = at, Document = code };

    [Fact]
    public async Task Post_DocumentLifecycle_StoresStateAndFigures()
    {
        var response = await _app.PostEventsAsync(
            Received("VB-1", At, due: At.AddDays(1)),
            Step(EventTypes.DocumentAssigned, "VB-1", At.AddHours(1)),
            Step(EventTypes.DocumentProcessed, "VB-1", At.AddHours(5)),
            Received("VB-2", At, electronic: false),
            new IngestEvent { Id = Events.NewId(), Type = EventTypes.DocumentIssued, OccurredAt = At, Document = "VB-3", Unit = _department, Electronic = true, InterConnected = true, DigitallySigned = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new IngestResult(5, 0), await response.Content.ReadFromJsonAsync<IngestResult>());
        var queries = _app.Services.GetRequiredService<DocumentQueries>();
        var day = ProvinceTime.LocalDate(At);
        var kpis = await queries.GetAsync(_app.Catalog.Units.Root.Id, new DayRange(day, ProvinceTime.LocalDate(IngestHarness.DefaultNow)));
        Assert.Equal((2L, 1L, 1L, 1L), (kpis.Received, kpis.Issued, kpis.Processed, kpis.Open));
        Assert.Equal(new Rate(1, 1), kpis.OnTimeRate);
        Assert.Equal(new Rate(2, 3), kpis.ElectronicRate);
        Assert.Equal(new Rate(1, 1), kpis.SignedRate);
        Assert.Equal(5.0, kpis.AverageHandlingHours);
        Assert.Equal(3, Count("Documents"));
    }

    [Fact]
    public async Task Post_BadDocumentEvents_Returns400NamingEachAndStoresNothing()
    {
        var response = await _app.PostEventsAsync(
            Received("VB-10", At),
            With(Received("VB-11", At), e => e.Electronic = null),
            Step(EventTypes.DocumentProcessed, "VB-NEVER", At),
            Received("VB-12", At, due: At.AddDays(-1)),
            Step(EventTypes.DocumentProcessed, "VB-10", At.AddHours(-2)),
            With(Step(EventTypes.DocumentAssigned, "VB-10", At), e => e.DigitallySigned = true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([(1, "field.missing"), (2, "document.unknown"), (3, "document.due-before-received"), (4, "event.out-of-order"), (5, "field.invalid")], errors);
        Assert.Equal(0, Count("Events"));
        Assert.Equal(0, Count("Documents"));
        Assert.Equal(0, Count("DocumentRollups"));
    }

    [Fact]
    public async Task Post_SecondDueDateOrRepeatedId_RefusedOrAcknowledged()
    {
        var received = Received("VB-20", At, due: At.AddDays(2));
        Assert.Equal(HttpStatusCode.OK, (await _app.PostEventsAsync(received)).StatusCode);

        var again = await _app.PostEventsAsync(received);
        Assert.Equal(new IngestResult(0, 1), await again.Content.ReadFromJsonAsync<IngestResult>());

        var second = await _app.PostEventsAsync(With(Step(EventTypes.DocumentAssigned, "VB-20", At.AddHours(1)), e => e.DueAt = At.AddDays(5)));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("document.due-already-set", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, Count("Events"));
    }

    [Fact]
    public async Task Keys_LimitedToFamilies_Return403ForOtherFamilies()
    {
        var store = _app.Services.GetRequiredService<SourceKeyStore>();
        var (_, documentsOnly) = await store.CreateAsync("Quản lý văn bản", ["document"], "quantri");
        var (_, dossiersOnly) = await store.CreateAsync("Một cửa", ["dossier"], "quantri");

        Assert.Equal(HttpStatusCode.OK, await PostWithAsync(documentsOnly, Received("VB-30", At)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostWithAsync(dossiersOnly, Received("VB-31", At)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostWithAsync(documentsOnly, Events.TicketCreated("PA-30", At)));
        Assert.Equal(1, Count("Documents"));
    }

    [Fact]
    public async Task Backfill_DocumentRows_StoredThroughIngest()
    {
        using var folder = TestPaths.NewTempFolder();
        var file = folder.File("documents.csv");
        await File.WriteAllTextAsync(file, string.Join('\n',
            "id,type,occurredAt,document,unit,electronic,interConnected,dueAt,digitallySigned",
            $"d1,document.received,2026-03-16T08:00:00+07:00,VB-40,{_department},true,true,2026-03-18T17:00:00+07:00,",
            "d2,document.processed,2026-03-19T09:00:00+07:00,VB-40,,,,,",
            $"d3,document.issued,2026-03-16T10:00:00+07:00,VB-41,{_department},false,,,false"));

        var outcome = await _app.Services.GetRequiredService<CsvBackfill>().LoadAsync(file, "backfill");

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var kpis = await _app.Services.GetRequiredService<DocumentQueries>().GetAsync(_app.Catalog.Units.Root.Id, new DayRange(new(2026, 3, 16), new(2026, 3, 19)));
        Assert.Equal((1L, 1L, 1L), (kpis.Received, kpis.Issued, kpis.Processed));
        Assert.Equal(new Rate(0, 1), kpis.OnTimeRate);
        Assert.Equal(new Rate(1, 2), kpis.ElectronicRate);
    }

    private static IngestEvent With(IngestEvent e, Action<IngestEvent> change)
    {
        change(e);
        return e;
    }

    private async Task<HttpStatusCode> PostWithAsync(string key, IngestEvent e)
    {
        using var client = _app.CreateApiClient(key);
        return (await client.PostAsJsonAsync("/api/v1/events", new IngestBatch { Events = [e] })).StatusCode;
    }

    private long Count(string table)
    {
        using var c = new SqliteConnection($"Data Source={_app.DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }
}
