using Ioc.Aggregation.Storage;
using Ioc.Aggregation.Tests.Consistency;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Storage;

/// <summary>
/// An existing dossier's row is updated in place, in its mutable columns only (StateStore.DossierMutableColumns):
/// after many such updates it must still be exactly the row of the dossier's final state written at once.
/// </summary>
public sealed class DossierRowUpdateTests
{
    [Fact]
    public async Task LifecyclesInSmallBatches_RowsEqualThoseOfTheSameEventsInOneBatch()
    {
        await using var stepwise = await IngestHarness.CreateAsync();
        await using var atOnce = await IngestHarness.CreateAsync();
        var stream = new RandomEventStream(29, stepwise.Catalog, IngestHarness.DefaultNow.AddDays(-60), IngestHarness.DefaultNow);
        // Repeated pauses, reroutes, supplements and endings: every mutable column changes in some update.
        var events = stream.Interleave(stream.Dossiers(80));

        foreach (var batch in events.Chunk(3))
        {
            var outcome = await stepwise.IngestAsync(batch);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        }
        // One batch: each dossier's events are applied in memory and its final state inserted once, never updated.
        Assert.True((await atOnce.IngestAsync(events)).Succeeded);

        var updated = Rows(stepwise);
        Assert.Equal(80, updated.Count);
        // The stream reached what the partial updates must carry: repeated pauses, endings, dossiers still open.
        var column = StateStore.DossierRowColumns.ToList();
        Assert.Contains(updated, r => int.Parse(r[column.IndexOf("PauseCount")], System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Contains(updated, r => r[column.IndexOf("FinishedAt")] != "null");
        Assert.Contains(updated, r => r[column.IndexOf("FinishedAt")] == "null");
        Assert.Equal(Rows(atOnce).Select(Line), updated.Select(Line));
    }

    private static string Line(string[] row) => string.Join("|", row);

    /// <summary>Every column of every dossier row, as text, by code.</summary>
    private static List<string[]> Rows(IngestHarness harness)
    {
        using var connection = harness.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", StateStore.DossierRowColumns)} FROM Dossiers ORDER BY Code";
        using var r = command.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
        {
            rows.Add([.. Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }
        return rows;
    }
}
