using System.Collections.Concurrent;
using Ioc.Aggregation.Simulation;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Benchmarks.Data;

/// <summary>
/// The demo simulator scaled to a large province, as one time-ordered stream of events (what a
/// feeding system catching up, or a backfill file, would send). Each simulated day carries its
/// dossiers' and tickets' whole lifecycles, so later events wait in a heap until their time comes.
/// </summary>
public sealed class SimulatedProvince
{
    /// <param name="documentsPerDay">Documents per ordinary working day; null keeps the simulator's demo default.</param>
    public SimulatedProvince(ReferenceCatalog catalog, WorkingCalendar calendar, DemoTexts texts, int dossiersPerDay, int ticketsPerDay, DateTimeOffset now, int seed = 2026, int? documentsPerDay = null)
    {
        Now = now;
        Simulator = new ProvinceSimulator(catalog, calendar, texts,
            new SimulatorOptions { Seed = seed, DossiersPerDay = dossiersPerDay, TicketsPerDay = ticketsPerDay, DocumentsPerDay = documentsPerDay ?? new SimulatorOptions().DocumentsPerDay },
            new FixedTimeProvider(now));
    }

    public ProvinceSimulator Simulator { get; }

    /// <summary>"Today" for the simulator: days before it are history with complete lifecycles.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Every event of the days [<paramref name="first"/>, <paramref name="last"/>] and of their
    /// lifecycles, in time order (stable), leaving out anything after <see cref="Now"/>. Days are
    /// generated ahead on another thread.
    /// </summary>
    public IEnumerable<IngestEvent> TimeOrdered(DateOnly first, DateOnly last)
    {
        using var days = new BlockingCollection<(DateOnly Day, IReadOnlyList<IngestEvent> Events)>(boundedCapacity: 3);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() => Produce(days, first, last, stop.Token));
        var pending = new PriorityQueue<IngestEvent, (long Ticks, long Seq)>();
        long seq = 0;
        var until = Now.UtcTicks;
        try
        {
            foreach (var (day, events) in days.GetConsumingEnumerable())
            {
                foreach (var e in events)
                {
                    pending.Enqueue(e, (e.OccurredAt!.Value.UtcTicks, seq++));
                }
                // Later days begin after this one ends: everything before its end is final.
                var end = ProvinceTime.StartOfDay(day.AddDays(1)).UtcTicks;
                while (pending.TryPeek(out var next, out var key) && key.Ticks < end)
                {
                    pending.Dequeue();
                    if (key.Ticks <= until)
                    {
                        yield return next;
                    }
                }
            }
            while (pending.TryDequeue(out var next, out var key))
            {
                if (key.Ticks <= until)
                {
                    yield return next;
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Stopped early by the consumer.
            }
        }
    }

    /// <summary>One day's events (its arrivals with their whole lifecycles), generated ahead on another thread, days in order.</summary>
    public IEnumerable<(DateOnly Day, IReadOnlyList<IngestEvent> Events)> Days(DateOnly first, DateOnly last)
    {
        using var days = new BlockingCollection<(DateOnly Day, IReadOnlyList<IngestEvent> Events)>(boundedCapacity: 3);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() => Produce(days, first, last, stop.Token));
        try
        {
            foreach (var day in days.GetConsumingEnumerable())
            {
                yield return day;
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Stopped early by the consumer.
            }
        }
    }

    private void Produce(BlockingCollection<(DateOnly, IReadOnlyList<IngestEvent>)> days, DateOnly first, DateOnly last, CancellationToken ct)
    {
        // A day's hotline calls may repeat a ticket of the two days before; the first days of the
        // range would name originals that are not in it. Such tickets are left out whole.
        var tickets = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                var events = Simulator.GenerateDay(d);
                foreach (var e in events)
                {
                    if (e.Type == EventTypes.TicketCreated)
                    {
                        tickets.Add(e.Ticket!);
                    }
                }
                var orphans = events.Where(e => e.DuplicateOf is string o && !tickets.Contains(o)).Select(e => e.Ticket!).ToHashSet(StringComparer.Ordinal);
                var kept = orphans.Count == 0 ? events : [.. events.Where(e => e.Ticket is not string t || !orphans.Contains(t))];
                days.Add((d, kept), ct);
            }
        }
        finally
        {
            days.CompleteAdding();
        }
    }
}

/// <summary>A clock that stands still: the simulator's notion of "today".</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
