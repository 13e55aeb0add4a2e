using Ioc.Aggregation.Access;
using Ioc.Aggregation.Alerts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Alerts;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Alerts;

/// <summary>Rules evaluated on real ingest: the alert rows a province keeps, from firing to cleared.</summary>
public sealed class AlertMonitorTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    /// <summary>Received two months ago, never finished: late now whatever its time limit.</summary>
    private static readonly DateTimeOffset LongAgo = Now.AddDays(-60);

    /// <summary>The demo province's first commune by code, known before a harness (whose settings name it) exists.</summary>
    private static readonly string FirstCommune = Data.Reference.ReferenceFiles.ReadUnits(TestPaths.ReferenceData)
        .Where(u => Data.Reference.ReferenceFiles.ParseKind(u.Kind, u.Code) is Domain.Units.UnitKind.Commune or Domain.Units.UnitKind.Ward or Domain.Units.UnitKind.SpecialZone)
        .OrderBy(u => u.Code, StringComparer.Ordinal).First().Code;

    private static async Task<(IngestHarness H, string Commune, string Procedure)> CreateAsync(params (string Key, string Value)[] rule)
    {
        var settings = new Dictionary<string, string?> { ["Alerts:Rules:0:Key"] = "test-rule" };
        foreach (var (key, value) in rule)
        {
            settings["Alerts:Rules:0:" + key] = value;
        }
        var h = await IngestHarness.CreateAsync(settings: settings);
        return (h, h.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First().Code, h.Catalog.Procedures.First(p => p.HandledBy == "commune").Code);
    }

    private static (string, string)[] OnTimeBelow90(string commune) =>
    [
        ("Name", "Tỷ lệ đúng hạn dưới 90 %"), ("Kind", "Threshold"), ("Unit", commune), ("Indicator", "on-time-rate"),
        ("Window", "Today"), ("Direction", "Below"), ("Threshold", "90"), ("MinimumCount", "1"), ("ClearMargin", "2"),
    ];

    private static async Task<List<AlertEntity>> AlertRowsAsync(IngestHarness h)
    {
        await using var db = await h.Services.GetRequiredService<IDbContextFactory<IocDbContext>>().CreateDbContextAsync();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task IngestFreshAsync(IngestHarness h, string commune, string procedure, int count, string prefix)
    {
        var events = Enumerable.Range(1, count).Select(i => Events.DossierReceived($"{prefix}-{i}", commune, procedure, Now.AddMinutes(-30), channel: "in-person")).ToArray();
        Assert.True((await h.IngestAsync(events)).Succeeded);
    }

    private static Task EvaluateAsync(IngestHarness h, params int[] changedUnits) =>
        h.Services.GetRequiredService<AlertMonitor>().EvaluateAsync(changedUnits.ToHashSet(), tickets: false);

    [Fact]
    public async Task Threshold_RateFallsThenHoversThenRecovers_OneRowFiredUpdatedAndCleared()
    {
        var communeCode = FirstCommune;
        var (h, commune, procedure) = await CreateAsync(OnTimeBelow90(communeCode));
        await using var _h = h;
        var unit = h.Catalog.Units.FindByCode(commune)!.Id;

        Assert.True((await h.IngestAsync(Events.DossierReceived("LATE-1", commune, procedure, LongAgo, channel: "in-person"))).Succeeded);
        await EvaluateAsync(h, unit);
        var fired = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal(("settings:test-rule", "Tỷ lệ đúng hạn dưới 90 %", unit, "", 0.0, 90.0, true), (fired.RuleKey, fired.RuleName, fired.UnitId, fired.Subject, fired.Figure, fired.Threshold, fired.IsRate));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), fired.FiredAt);
        Assert.Null(fired.ClearedAt);

        // 10 on time of 11: 90,9 % is over the line but inside the 2-point margin: the same alert stays, with the new figure.
        await IngestFreshAsync(h, commune, procedure, 10, "OK-A");
        await EvaluateAsync(h, unit);
        var hovering = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal((fired.Id, 90.9, (long?)null), (hovering.Id, hovering.Figure, hovering.ClearedAt));

        // 20 of 21: 95,2 % ≥ 92 %: cleared by the figure, not by a person.
        await IngestFreshAsync(h, commune, procedure, 10, "OK-B");
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await EvaluateAsync(h, unit);
        var cleared = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal(Now.AddMinutes(5).ToUnixTimeMilliseconds(), cleared.ClearedAt);
        Assert.Null(cleared.ClearedBy);
    }

    [Fact]
    public async Task Threshold_BatchChangedOtherUnits_RuleNotEvaluated()
    {
        var communeCode = FirstCommune;
        var (h, commune, procedure) = await CreateAsync(OnTimeBelow90(communeCode));
        await using var _h = h;
        Assert.True((await h.IngestAsync(Events.DossierReceived("LATE-1", commune, procedure, LongAgo, channel: "in-person"))).Succeeded);
        var elsewhere = h.Catalog.Units.All.First(u => u.Code != commune && u.IsLocal).Id;

        await EvaluateAsync(h, elsewhere);
        Assert.Empty(await AlertRowsAsync(h));

        await h.Services.GetRequiredService<AlertMonitor>().EvaluateAsync(null, tickets: false);
        Assert.Single(await AlertRowsAsync(h));
    }

    [Fact]
    public async Task AcknowledgeThenClearByHand_RowsAndAuditKept_NotRaisedAgainUntilRecovered()
    {
        var communeCode = FirstCommune;
        var (h, commune, procedure) = await CreateAsync(OnTimeBelow90(communeCode));
        await using var _h = h;
        var unit = h.Catalog.Units.FindByCode(commune)!.Id;
        var store = h.Services.GetRequiredService<AlertStore>();
        Assert.True((await h.IngestAsync(Events.DossierReceived("LATE-1", commune, procedure, LongAgo, channel: "in-person"))).Succeeded);
        await EvaluateAsync(h, unit);
        var id = Assert.Single(await AlertRowsAsync(h)).Id;

        Assert.True(await store.AcknowledgeAsync(id, "quantri"));
        Assert.False(await store.AcknowledgeAsync(id, "quantri"));
        var acknowledged = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal(("quantri", Now.ToUnixTimeMilliseconds(), (long?)null), (acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt!.Value, acknowledged.ClearedAt));

        Assert.True(await store.ClearAsync(id, "quantri"));
        Assert.Equal("quantri", Assert.Single(await AlertRowsAsync(h)).ClearedBy);
        var (audit, _) = await h.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Action: "alert."));
        Assert.Equal(["alert.clear", "alert.acknowledge"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal($"alert:{id}", a.Target));

        // Still late: a person cleared it, so the next batch does not bring it straight back.
        await IngestFreshAsync(h, commune, procedure, 1, "OK-A");
        await EvaluateAsync(h, unit);
        Assert.Single(await AlertRowsAsync(h));

        // Recovered, then late again: a new alert.
        await IngestFreshAsync(h, commune, procedure, 30, "OK-B");
        await EvaluateAsync(h, unit);
        Assert.True((await h.IngestAsync(Enumerable.Range(1, 10).Select(i => Events.DossierReceived($"LATE-B{i}", commune, procedure, LongAgo, channel: "in-person")).ToArray())).Succeeded);
        await EvaluateAsync(h, unit);
        var rows = await AlertRowsAsync(h);
        Assert.Equal(2, rows.Count);
        Assert.Null(rows[1].ClearedAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OverdueRise_ThreeBecameOverdueToday_AlertOnTheRuleUnitWithTheRise(bool province)
    {
        var communeCode = FirstCommune;
        var (h, commune, _) = await CreateAsync(("Name", "Quá hạn tăng từ 3 hồ sơ"), ("Kind", "OverdueRise"), ("Unit", province ? "" : communeCode),
            ("Rise", "3"), ("ClearMargin", "0"));
        await using var _h = h;
        // One working day from Wednesday: due on Thursday, so late from today (Friday 20/03) and not at the end of yesterday.
        var oneDay = h.Catalog.Procedures.First(p => p.HandledBy == "commune" && p.Limit == Domain.Catalog.TimeLimit.WorkingDays(1)).Code;
        var procedure = h.Catalog.Procedures.First(p => p.HandledBy == "commune").Code;
        var target = province ? h.Catalog.Units.Root.Id : h.Catalog.Units.FindByCode(commune)!.Id;
        var monitor = h.Services.GetRequiredService<AlertMonitor>();

        // Overdue for weeks already: overdue yesterday as much as today, no rise.
        Assert.True((await h.IngestAsync(Enumerable.Range(1, 5).Select(i => Events.DossierReceived($"OLD-{i}", commune, procedure, LongAgo, channel: "in-person")).ToArray())).Succeeded);
        await monitor.EvaluateAsync(null, tickets: false);
        Assert.Empty(await AlertRowsAsync(h));

        Assert.True((await h.IngestAsync(Enumerable.Range(1, 2).Select(i => Events.DossierReceived($"NEW-{i}", commune, oneDay, Now.AddDays(-2), channel: "in-person")).ToArray())).Succeeded);
        await monitor.EvaluateAsync(h.Catalog.Units.Scopes(h.Catalog.Units.FindByCode(commune)!.Id).ToHashSet(), tickets: false);
        Assert.Empty(await AlertRowsAsync(h));

        Assert.True((await h.IngestAsync(Events.DossierReceived("NEW-3", commune, oneDay, Now.AddDays(-2), channel: "in-person"))).Succeeded);
        await monitor.EvaluateAsync(h.Catalog.Units.Scopes(h.Catalog.Units.FindByCode(commune)!.Id).ToHashSet(), tickets: false);
        var alert = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal((target, 3.0, 3.0, false, (long?)null), (alert.UnitId, alert.Figure, alert.Threshold, alert.IsRate, alert.ClearedAt));

        // One of them is finished: a rise of 2 is under the line again and the alert clears by itself.
        Assert.True((await h.IngestAsync(Events.Dossier("dossier.processing", "NEW-3", Now.AddMinutes(-10)), Events.Dossier("dossier.completed", "NEW-3", Now.AddMinutes(-5)))).Succeeded);
        await monitor.EvaluateAsync(null, tickets: false);
        Assert.NotNull(Assert.Single(await AlertRowsAsync(h)).ClearedAt);
    }

    [Fact]
    public async Task Spike_CommuneTicketsAboveUsualLevel_AlertOnTheCommune()
    {
        var communeCode = FirstCommune;
        var (h, commune, _) = await CreateAsync(("Name", "Phản ánh tăng bất thường"), ("Kind", "TicketSpike"), ("Commune", communeCode),
            ("Factor", "2"), ("Weeks", "4"), ("MinimumCount", "3"), ("ClearMargin", "0"));
        await using var _h = h;
        // Two calls on each of the last four Fridays: usual level 2, line 4.
        var past = Enumerable.Range(1, 4).SelectMany(w => Enumerable.Range(1, 2).Select(i => Events.TicketCreated($"PA-W{w}-{i}", Now.AddDays(-7 * w), commune: commune))).ToArray();
        Assert.True((await h.IngestAsync(past)).Succeeded);
        var today = Enumerable.Range(1, 4).Select(i => Events.TicketCreated($"PA-T-{i}", Now.AddMinutes(-i), commune: commune)).ToArray();
        Assert.True((await h.IngestAsync(today)).Succeeded);
        var monitor = h.Services.GetRequiredService<AlertMonitor>();

        await monitor.EvaluateAsync(new HashSet<int>(), tickets: true);
        Assert.Empty(await AlertRowsAsync(h));

        Assert.True((await h.IngestAsync(Events.TicketCreated("PA-T-5", Now.AddMinutes(-1), commune: commune))).Succeeded);
        await monitor.EvaluateAsync(new HashSet<int>(), tickets: true);
        var alert = Assert.Single(await AlertRowsAsync(h));
        Assert.Equal((h.Catalog.Units.FindByCode(commune)!.Id, commune, 5.0, 4.0, false), (alert.UnitId, alert.Subject, alert.Figure, alert.Threshold, alert.IsRate));
    }

    [Fact]
    public async Task SaveRule_BadInput_RefusedWithMessagesAndNothingStored()
    {
        var (h, _, _) = await CreateAsync(("Name", "x"));
        await using var _h = h;
        var store = h.Services.GetRequiredService<AlertStore>();

        var result = await store.SaveRuleAsync(null, new AlertRule { Name = "", Unit = "KHONG-CO", Threshold = 120 }, "quantri");

        Assert.False(result.Succeeded);
        Assert.Equal(["Hãy đặt tên cho quy tắc.", "Không có đơn vị mã KHONG-CO.", "Ngưỡng của một tỷ lệ phải từ 0 đến 100 %."], result.Errors.Select(e => e.ToString()));
        Assert.Equal(["settings:test-rule"], (await store.RulesAsync()).Select(r => r.Key));
        var (audit, _) = await h.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Action: "alert-rule."));
        Assert.Empty(audit);
    }

    [Fact]
    public async Task SaveRule_ThenEditAndDisable_StoredAuditedAndListedBesideSettingsRules()
    {
        var (h, _, _) = await CreateAsync(("Name", "x"));
        await using var _h = h;
        var store = h.Services.GetRequiredService<AlertStore>();
        var department = h.Catalog.Units.All.First(u => u.Kind == Domain.Units.UnitKind.Department);

        var saved = await store.SaveRuleAsync(null, new AlertRule { Name = " Quá hạn trên 50 ", Unit = department.Code, Indicator = AlertIndicators.Overdue, Direction = AlertDirection.Above, Threshold = 50 }, "quantri");
        Assert.True(saved.Succeeded);
        var id = saved.Rule!.DatabaseId!.Value;
        Assert.True((await store.SaveRuleAsync(id, new AlertRule { Name = "Quá hạn trên 60", Unit = department.Code, Indicator = AlertIndicators.Overdue, Direction = AlertDirection.Above, Threshold = 60 }, "quantri")).Succeeded);
        Assert.True(await store.SetEnabledAsync(id, false, "quantri"));

        var rules = await store.RulesAsync();
        Assert.Equal(["settings:test-rule", $"db:{id}"], rules.Select(r => r.Key));
        Assert.Equal(("Quá hạn trên 60", 60.0, false, false), (rules[1].Rule.Name, rules[1].Rule.Threshold, rules[1].Rule.Enabled, rules[1].FromSettings));
        var (audit, _) = await h.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Action: "alert-rule."));
        Assert.Equal(["alert-rule.disable", "alert-rule.update", "alert-rule.create"], audit.Select(a => a.Action));
    }
}
