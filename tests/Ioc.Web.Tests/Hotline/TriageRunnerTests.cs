using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Ioc.Web.Features.Hotline;
using Ioc.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Tests.Hotline;

/// <summary>
/// Triage actions against a real app and its SQLite file: a bulk action where a colleague changed one
/// ticket meanwhile, and an aggregation service that cannot be reached.
/// </summary>
public sealed class TriageRunnerTests
{
    private static readonly AccessScope Operator = new(IocRoles.HotlineStaff, null, "tongdai");
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    [Fact]
    public async Task Bulk_OneTicketChangedByAColleagueSinceChecked_OthersAppliedThatOneNamedThenRetried()
    {
        CultureInfo.CurrentUICulture = UiText.Vietnamese;
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        (await app.PostEventsAsync(
            Events.TicketCreated("B-1", Now.AddHours(-3), text: "alo alo", commune: commune),
            Events.TicketCreated("B-2", Now.AddHours(-2), text: "Vay tiền nhanh", commune: commune),
            Events.TicketCreated("B-3", Now.AddHours(-1), text: "Quảng cáo", commune: commune))).EnsureSuccessStatusCode();
        var queries = app.Services.GetRequiredService<TicketQueries>();
        var queue = new HotlineQueue(queries, Operator);
        queue.Ask(new QueueFilter { View = QueueView.Triage });
        queue.Take(await queue.ReadAsync(live: false), Now);
        queue.State.ToggleAllChecked();
        var seen = queue.State.CheckedAsSeen.Values.OrderBy(t => t.Code, StringComparer.Ordinal).ToList();

        // A colleague marks B-2 urgent after this operator checked it.
        (await app.PostEventsAsync(Events.Ticket(EventTypes.TicketUrgencySet, "B-2", Now, e => e.Urgency = "urgent"))).EnsureSuccessStatusCode();
        var runner = new TriageRunner(app.Services.GetRequiredService<TriageCommands>(), queries, NullLogger<TriageRunner>.Instance);
        var template = new TriageRequest(TriageAction.Reject, "") { Reason = "Tin nhắn rác, quảng cáo, không phải phản ánh." };
        var outcome = await runner.ApplyAsync(Operator, "tongdai", [.. seen.Select(t => template with { TicketCode = t.Code, IfUnchangedSince = t.LastEventAt })], seen);

        Assert.Equal(["B-1", "B-3"], outcome!.Applied.Order());
        Assert.Equal(["B-2"], runner.Failure!.Failed);
        Assert.Contains("Đã cập nhật 2 phiếu; 1 phiếu chưa cập nhật:", runner.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("B-2", runner.Failure.Message, StringComparison.Ordinal);
        var stored = await queries.LoadManyAsync(["B-1", "B-2", "B-3"]);
        Assert.Equal(TicketStatus.New, stored["B-2"].Status);
        Assert.Equal(TicketStatus.Rejected, stored["B-1"].Status);

        // The failure was shown with the ticket as it is now: one retry stores it, once.
        Assert.True(runner.Failure.CanRetry);
        var retried = await runner.RetryAsync(Operator, "tongdai");
        Assert.Equal(["B-2"], retried!.Applied);
        Assert.Null(runner.Failure);
        Assert.Equal(TicketStatus.Rejected, (await queries.LoadAsync("B-2"))!.Status);
        Assert.Equal(TicketUrgency.Urgent, (await queries.LoadAsync("B-2"))!.Urgency);
    }

    [Fact]
    public async Task Apply_AggregationServiceUnreachable_NothingStoredFailureShownRetryableWithTheSameStamp()
    {
        CultureInfo.CurrentUICulture = UiText.Vietnamese;
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        (await app.PostEventsAsync(Events.TicketCreated("S-1", Now.AddHours(-1), text: "Mất điện cả khu phố", commune: commune))).EnsureSuccessStatusCode();
        var queries = app.Services.GetRequiredService<TicketQueries>();
        var seen = (await queries.LoadAsync("S-1"))!;
        // The web process's path to a separate aggregation service, pointed at a port where nothing listens.
        var options = Options.Create(new KpiOptions { HubUrl = $"http://127.0.0.1:{ClosedPort()}/hubs/kpi", ServiceKey = "unreachable-service-key-0123456789" });
        using var http = new HttpClient();
        var commands = new TriageCommands(new HttpEventSink(http, options, new KpiServiceCredentials(options)), queries,
            app.Services.GetRequiredService<TicketSuggester>(), app.Catalog, app.Services.GetRequiredService<ProvinceClock>(),
            app.Services.GetRequiredService<Ioc.Aggregation.Access.AuditLog>(), NullLogger<TriageCommands>.Instance);
        var runner = new TriageRunner(commands, queries, NullLogger<TriageRunner>.Instance);
        var request = new TriageRequest(TriageAction.SetUrgency, "S-1") { Urgency = TicketUrgency.Urgent, IfUnchangedSince = seen.LastEventAt };

        var outcome = await runner.ApplyAsync(Operator, "tongdai", [request], [seen]);

        Assert.Null(outcome);
        Assert.False(runner.Busy);
        Assert.Equal(TriageRunner.NotStored, runner.Failure!.Message);
        Assert.Equal([request], runner.Failure.Requests);
        Assert.Equal(seen.LastEventAt, (await queries.LoadAsync("S-1"))!.LastEventAt);
    }

    [Fact]
    public async Task Queue_ArrivalOnAnotherPage_NotedOffPageThenBroughtIntoViewNewestFirst()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        (await app.PostEventsAsync([.. Enumerable.Range(0, 30).Select(i => Events.TicketCreated($"Q-{i:D2}", Now.AddHours(-30 + i), text: $"Phản ánh số {i}", commune: commune))])).EnsureSuccessStatusCode();
        var queue = new HotlineQueue(app.Services.GetRequiredService<TicketQueries>(), Operator);
        queue.Ask(new QueueFilter { View = QueueView.Triage, PageSize = 25 });
        queue.Take(await queue.ReadAsync(live: false), Now);
        Assert.Equal((25, 30, 30), (queue.State.Items.Count, queue.State.Total, queue.Counts!.NeedsTriage));

        // Due last (same SLA, created last): by deadline it lands on page 2.
        (await app.PostEventsAsync(Events.TicketCreated("Q-NEW", Now, text: "Phản ánh mới", commune: commune))).EnsureSuccessStatusCode();
        queue.NoteCreated(["Q-NEW"]);
        var fresh = queue.Take(await queue.ReadAsync(live: true), Now);

        Assert.Equal(1, fresh);
        Assert.Equal(["Q-NEW"], queue.State.OffPage);
        Assert.Equal(31, queue.Counts!.NeedsTriage);
        var codes = queue.AskForOffPageArrivals();
        queue.Take(await queue.ReadAsync(live: false), Now);
        queue.State.MarkArrivals(codes, Now);
        Assert.Equal("Q-NEW", queue.State.Items[0].Ticket.Code);
        Assert.True(queue.State.IsArrival("Q-NEW"));
        Assert.Empty(queue.State.OffPage);
    }

    [Fact]
    public async Task Queue_LiveReadOvertakenByAnotherTab_IsDroppedAndTheOperatorStaysOnTheirTab()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        (await app.PostEventsAsync([.. Enumerable.Range(0, 3).Select(i => Events.TicketCreated($"T-{i}", Now.AddHours(-3 + i), text: $"Phản ánh số {i}", commune: commune))])).EnsureSuccessStatusCode();
        var queue = new HotlineQueue(app.Services.GetRequiredService<TicketQueries>(), Operator);
        queue.Ask(new QueueFilter { View = QueueView.Triage });
        queue.Take(await queue.ReadAsync(live: false), Now);

        // A live re-read of the triage tab is under way when the operator presses 2 (the open tickets' tab).
        var live = await queue.ReadAsync(live: true);
        queue.Ask(new QueueFilter { View = QueueView.All });
        Assert.Equal(0, queue.Take(live, Now));
        Assert.Equal(QueueView.All, queue.Filter.View);

        // The new tab's own read is shown.
        queue.Take(await queue.ReadAsync(live: false), Now);
        Assert.Equal(QueueView.All, queue.Filter.View);
        Assert.Equal(3, queue.State.Total);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
