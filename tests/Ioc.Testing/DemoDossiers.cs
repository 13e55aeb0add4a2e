using Ioc.Contracts;
using Ioc.Domain.Catalog;

namespace Ioc.Testing;

/// <summary>A small, known set of dossiers in two communes, posted through the API, for page tests.</summary>
public static class DemoDossiers
{
    public sealed record Seeded(string CommuneA, string CommuneB, Procedure Procedure, Procedure OtherProcedure, IReadOnlyList<string> Codes);

    public static async Task<Seeded> PostAsync(IocAppFactory app, int perCommune = 12)
    {
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).Take(2).ToList();
        var procedures = app.Catalog.Procedures.Where(p => p.HandledBy == "commune" && p.OnlineLevel != OnlineLevel.None).OrderBy(p => p.Code, StringComparer.Ordinal).Take(2).ToList();
        var now = IngestHarness.DefaultNow;
        var events = new List<IngestEvent>();
        var codes = new List<string>();
        for (var c = 0; c < communes.Count; c++)
        {
            for (var i = 0; i < perCommune; i++)
            {
                var code = $"{communes[c].Code}-T{i:D3}";
                var procedure = procedures[i % 2];
                var received = now.AddDays(-(i % 9) - 1).AddHours(-(i % 5));
                events.Add(Events.DossierReceived(code, communes[c].Code, procedure.Code, received, channel: i % 3 == 0 ? "in-person" : "online", paidOnline: i % 2 == 0, digitized: i % 4 != 0));
                switch (i % 4)
                {
                    case 0:
                        events.Add(Events.Dossier(EventTypes.DossierCompleted, code, received.AddHours(3), electronicResult: true));
                        break;
                    case 1:
                        events.Add(Events.Dossier(EventTypes.DossierPaused, code, received.AddHours(1)));
                        break;
                }
                codes.Add(code);
            }
        }
        (await app.PostEventsAsync([.. events])).EnsureSuccessStatusCode();
        return new Seeded(communes[0].Code, communes[1].Code, procedures[0], procedures[1], codes);
    }
}
