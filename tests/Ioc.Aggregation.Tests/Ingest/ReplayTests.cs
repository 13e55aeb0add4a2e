using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Rebuild;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Ingest;

/// <summary>Stored events replay under the rules they were admitted by, not under admission rules added since.</summary>
public sealed class ReplayTests
{
    private static readonly DateTimeOffset At = IngestHarness.DefaultNow.AddHours(-3);

    [Fact]
    public async Task Timeline_DossierOfADelegatedProcedure_ShowsEveryStep()
    {
        var settings = new Dictionary<string, string?> { ["Ingest:ProcedureDelegations:0:Procedure"] = "1.001193", ["Ingest:ProcedureDelegations:0:Unit"] = "H49.03" };
        await using var h = await IngestHarness.CreateAsync(settings: settings);
        Assert.True((await h.IngestAsync(
            Events.DossierReceived("HS-DEL-1", "H49.03", "1.001193", At),
            Events.Dossier(EventTypes.DossierCompleted, "HS-DEL-1", At.AddHours(1)))).Succeeded);

        var timeline = await h.Services.GetRequiredService<DossierQueries>().TimelineAsync("HS-DEL-1");

        Assert.Equal([EventTypes.DossierReceived, EventTypes.DossierCompleted], timeline!.Steps.Select(s => s.EventType));
    }

    [Fact]
    public async Task Rebuild_EventStoredBeforeTheCharacterRule_StillReplaysAndAgrees()
    {
        await using var h = await IngestHarness.CreateAsync();
        Assert.True((await h.IngestAsync(Events.TicketCreated("PA-OLD-1", At, text: "Ngập nước tổ 3"))).Succeeded);
        // What an older version stored: a text with a bidi override, since refused at the door.
        using (var c = new SqliteConnection($"Data Source={h.DatabasePath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE Events SET Payload = replace(Payload, 'tổ 3', 'tổ ' || char(8238) || '3')";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        var report = await h.Services.GetRequiredService<RollupRebuilder>().RunAsync(replace: true);

        Assert.Equal(0, report.ReplayErrors);
        Assert.True(report.Agrees);
        Assert.True(report.Replaced);
    }
}
