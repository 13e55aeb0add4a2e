using System.Diagnostics;
using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Tests.Simulation;
using Ioc.Domain.Access;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Xunit.Abstractions;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>
/// Queue queries on a year of tickets (the demo's ~20,000; set IOC_HOTLINE_PERF_TICKETS=200000 for the
/// design size). Simulated tickets are copied across the year, the last fortnight left open. Each query
/// must answer a full page of what it asked for; the times are printed, not asserted (a loaded CI machine
/// is no stopwatch: speed is the benchmarks' job).
/// </summary>
public sealed class TicketQueryPerformanceTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Queries_YearOfTickets_EachAnswersAFullPage()
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("IOC_HOTLINE_PERF_TICKETS"), out var n) ? n : 20_000;
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        var now = h.Time.GetUtcNow();
        var load = Stopwatch.StartNew();
        await FillAsync(h, SimulatedTickets.Generate(fixture, new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 15)), size, now);
        output.WriteLine($"{size:N0} tickets written in {load.Elapsed.TotalSeconds:F1} s (with the search index).");
        await d.Suggester.RetrainAsync();

        var drainage = d.Category("thoat-nuoc").Id;
        var busiest = d.Catalog.Units[await BusiestUnitAsync(h)];
        var commune = d.Commune(0);
        var cases = new (string Name, AccessScope Scope, TicketQuery Query)[]
        {
            ("open queue, by due", Operator, new TicketQuery { Statuses = TicketQuery.Open }),
            ("needs triage, by urgency", Operator, new TicketQuery { Statuses = TicketQuery.NeedsTriage, Sort = TicketSortField.Urgency, Descending = true }),
            ("overdue", Operator, new TicketQuery { Due = TicketDueFilter.Overdue }),
            ("all, search 'ngap nuoc', newest first", Operator, new TicketQuery { Search = "ngap nuoc", Sort = TicketSortField.CreatedAt, Descending = true }),
            ("all, search 'duong tran hung dao to 3'", Operator, new TicketQuery { Search = "duong tran hung dao to 3" }),
            ("all, category + commune + 30 days", Operator, new TicketQuery { Categories = new HashSet<int> { drainage }, CommuneId = commune.Id, CreatedFrom = new DateOnly(2026, 2, 18), CreatedTo = new DateOnly(2026, 3, 20) }),
            ("all, by due, page 200", Operator, new TicketQuery { Sort = TicketSortField.DueAt, Descending = true, Skip = 10_000 }),
            ("department head, search 'nuoc'", HeadOf(busiest), new TicketQuery { Search = "nuoc" }),
        };
        foreach (var (name, scope, query) in cases)
        {
            await d.Queries.SearchAsync(scope, query);
            var times = new List<TimeSpan>();
            TicketPage page = null!;
            for (var i = 0; i < 5; i++)
            {
                page = await d.Queries.SearchAsync(scope, query);
                times.Add(page.Elapsed);
            }
            var median = times.Order().ElementAt(2);
            output.WriteLine($"{name}: {page.Total:N0} matches, page of {page.Items.Count}: median {median.TotalMilliseconds:F1} ms");
            Assert.True(page.Total > query.Skip, $"{name}: {page.Total} matches");
            Assert.Equal(Math.Min(query.Take, page.Total - query.Skip), page.Items.Count);
        }

        var watch = Stopwatch.StartNew();
        var counts = await d.Queries.CountsAsync(Operator);
        output.WriteLine($"tab counts ({counts.Open:N0} open): {watch.Elapsed.TotalMilliseconds:F1} ms");
        var subject = (await d.Queries.SearchAsync(Operator, new TicketQuery { Statuses = TicketQuery.Open, Take = 1 })).Items[0].Ticket;
        watch.Restart();
        var candidates = await d.Duplicates.FindAsync(Operator, (await d.Queries.LoadAsync(subject.Code))!);
        output.WriteLine($"possible duplicates of one ticket ({candidates.Count} found): {watch.Elapsed.TotalMilliseconds:F1} ms");
        watch.Restart();
        await d.Suggester.RetrainAsync();
        output.WriteLine($"suggestion model rebuilt on {d.Suggester.TrainedOn:N0} tickets: {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(counts.Open, (await d.Queries.SearchAsync(Operator, new TicketQuery { Statuses = TicketQuery.Open })).Total);
        Assert.True(d.Suggester.TrainedOn > 0);
    }

    private static async Task<int> BusiestUnitAsync(IngestHarness h)
    {
        await using var c = await h.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT UnitId FROM Tickets WHERE UnitId IS NOT NULL GROUP BY UnitId ORDER BY COUNT(*) DESC LIMIT 1";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Copies the simulated tickets across the year before <paramref name="now"/>; those of the last 14 days are still open.</summary>
    private static async Task FillAsync(IngestHarness h, List<SimulatedTicket> source, int size, DateTimeOffset now)
    {
        var rng = new Random(7);
        var span = TimeSpan.FromDays(365);
        var open = new[] { TicketStatus.New, TicketStatus.New, TicketStatus.Triaged, TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInfo };
        await h.Pipeline.RunExclusiveAsync(w =>
        {
            var c = w.Connection;
            using var tx = c.BeginTransaction();
            var batch = new List<TicketState>(5_000);
            for (var i = 0; i < size; i++)
            {
                var s = source[i % source.Count].Final;
                var created = now - span + TimeSpan.FromTicks((long)(span.Ticks * (i / (double)size)));
                var shift = created - s.CreatedAt;
                var copy = s with
                {
                    Code = $"{s.Code}-{i / source.Count}",
                    CreatedAt = created,
                    DueAt = s.DueAt + shift,
                    LastEventAt = created,
                    AnsweredAt = s.AnsweredAt + shift,
                    ResolvedAt = s.ResolvedAt + shift,
                    RatedAt = s.RatedAt + shift,
                    DuplicateOf = s.DuplicateOf is string o ? $"{o}-{i / source.Count}" : null,
                };
                if (now - created < TimeSpan.FromDays(14) && s.Status is not (TicketStatus.Rejected or TicketStatus.Duplicate))
                {
                    var status = open[rng.Next(open.Length)];
                    copy = copy with
                    {
                        Status = status,
                        UnitId = status is TicketStatus.New or TicketStatus.Triaged ? null : copy.UnitId,
                        AnsweredAt = null, AnsweredOnTime = null, Answer = null, ResolvedAt = null, Satisfied = null, RatedAt = null,
                        PausedAt = status == TicketStatus.AwaitingInfo ? created.AddHours(4) : null,
                    };
                }
                batch.Add(copy);
                if (batch.Count == 5_000)
                {
                    StateStore.SaveTickets(w, batch.Select(t => (t, IsNew: true)), h.Catalog);
                    batch.Clear();
                }
            }
            StateStore.SaveTickets(w, batch.Select(t => (t, IsNew: true)), h.Catalog);
            tx.Commit();
            using var analyze = c.CreateCommand();
            analyze.CommandText = "ANALYZE";
            analyze.ExecuteNonQuery();
            return 0;
        });
    }
}
