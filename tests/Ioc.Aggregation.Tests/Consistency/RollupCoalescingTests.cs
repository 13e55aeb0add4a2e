using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Domain.Time;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Ingest sums rollup deltas over a whole transaction (several events of one dossier in a batch,
/// several batches in one group commit, a backfill written in parts) and writes each touched row
/// once. However the same events are cut into transactions, the stored rollups must be the same
/// rows as when every event is stored in its own transaction.
/// </summary>
public sealed class RollupCoalescingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 20, 0, 0, 0, ProvinceTime.Offset);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, ProvinceTime.Offset);

    [Fact]
    public async Task Rollups_OneEventPerTransaction_EqualOneBatchConcurrentBatchesBackfillInPartsAndABoundedCache()
    {
        using var reference = TestPaths.NewTempFolder();
        var referenceDirectory = TestReference.WriteDeepTree(reference);
        await using var single = await IngestHarness.CreateAsync(Now, referenceDirectory);
        var stream = new RandomEventStream(7, single.Catalog, Start, Now);
        var events = stream.Interleave([.. stream.Dossiers(60), .. stream.Tickets(30), .. stream.Documents(30)]);

        foreach (var e in events)
        {
            Succeeded(await single.IngestAsync(e));
        }
        var expected = Rollups(single);

        // All in one batch: a dossier's receipt, pauses and completion are summed before anything is written.
        await using var oneBatch = await IngestHarness.CreateAsync(Now, referenceDirectory);
        Succeeded(await oneBatch.IngestAsync(events));

        // Four streams at once, so that batches queue up behind the writer and share transactions.
        // Each entity stays in one stream (tickets all in one: a duplicate names its original).
        await using var grouped = await IngestHarness.CreateAsync(Now, referenceDirectory);
        var streams = events.GroupBy(e => e.Ticket is not null ? 0 : (int)((uint)(e.Dossier ?? e.Document)!.GetHashCode() % 3) + 1)
            .Select(g => g.Chunk(7).ToList()).ToList();
        var outcomes = await Task.WhenAll(streams.Select(batches => Task.Run(async () =>
        {
            var results = new List<IngestOutcome>();
            foreach (var batch in batches)
            {
                results.Add(await grouped.Pipeline.IngestAsync("test", batch));
            }
            return results;
        })));
        foreach (var outcome in outcomes.SelectMany(o => o))
        {
            Succeeded(outcome);
        }

        // One session as a backfill runs it, writing its sums whenever more than a few rows are pending.
        await using var parts = await IngestHarness.CreateAsync(Now, referenceDirectory);
        var written = await parts.Pipeline.RunExclusiveAsync(statements =>
        {
            using var session = new IngestSession(statements, parts.Catalog, parts.Calendar, new ProvinceClock(parts.Time), cache: null, maxPendingRollupRows: 40);
            var errors = new List<IngestError>();
            foreach (var chunk in events.Chunk(11))
            {
                var parsed = chunk.Select((e, i) => parts.Pipeline.Parser.Parse(i, e, errors)!).ToList();
                Assert.Empty(errors);
                Assert.True(session.Apply("test", parsed).Succeeded);
            }
            session.Commit();
            return session.Changes.Accepted;
        });

        // The writer's cache of open dossiers bounded to two, then to none: the others' states come from the database.
        var bounded = new List<List<string>>();
        foreach (var limit in new[] { 2, 0 })
        {
            await using var small = await IngestHarness.CreateAsync(Now, referenceDirectory, new Dictionary<string, string?> { ["Ingest:OpenDossierCacheLimit"] = $"{limit}" });
            foreach (var e in events)
            {
                Succeeded(await small.IngestAsync(e));
            }
            bounded.Add(Rollups(small));
        }

        Assert.NotEmpty(expected);
        Assert.Equal(events.Count, written);
        Assert.All(bounded, rows => Assert.Equal(expected, rows));
        Assert.Equal(expected, Rollups(oneBatch));
        Assert.Equal(expected, Rollups(grouped));
        Assert.Equal(expected, Rollups(parts));
    }

    private static void Succeeded(IngestOutcome outcome) =>
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => $"{e.Index} {e.EventId}: {e.Message}")));

    /// <summary>Every rollup row with a non-zero measure, as text, sorted (rows whose deltas cancelled out may or may not exist).</summary>
    private static List<string> Rollups(IngestHarness h)
    {
        using var c = h.Database.Open();
        var rows = new List<string>();
        foreach (var (table, sql) in new[] { RollupTable.Dossiers, RollupTable.Tickets, RollupTable.Documents }.Select(t => (t.Name, t.NonZeroSelect(t.Name)))
            .Append(("TicketAnswerTimes", "SELECT UnitId, Dimension, DimensionValue, Grain, Period, Hours, Count FROM TicketAnswerTimes WHERE Count <> 0")))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                rows.Add(table + ": " + string.Join(",", Enumerable.Range(0, r.FieldCount).Select(i => r.GetInt64(i))));
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
