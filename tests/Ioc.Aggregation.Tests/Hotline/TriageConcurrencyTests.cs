using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>Two operators on one ticket, and urgency moving the deadline, on a real ingest pipeline and database.</summary>
public sealed class TriageConcurrencyTests
{
    [Fact]
    public async Task Apply_ColleagueChangedTheTicketSinceItWasShown_RefusedAsChangedAndNothingStored()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await d.CreateAsync("1022-C", at: Monday);
        var shownToBoth = (await d.Queries.LoadAsync("1022-C"))!;

        // Lan routes it to the commune; Minh, still looking at the new ticket, rejects it as spam.
        var lan = await d.Commands.ApplyAsync(Operator, "lan", new TriageRequest(TriageAction.Route, "1022-C")
        {
            CategoryId = d.Category("thoat-nuoc").Id,
            UnitId = d.Commune().Id,
            IfUnchangedSince = shownToBoth.LastEventAt,
        });
        var minh = await d.Commands.ApplyAsync(Operator, "minh", new TriageRequest(TriageAction.Reject, "1022-C")
        {
            Reason = "Tin rác",
            IfUnchangedSince = shownToBoth.LastEventAt,
        });

        Assert.True(lan.Succeeded);
        var refusal = Assert.Single(minh.Refused);
        Assert.Equal("ticket.changed", refusal.Code);
        Assert.Equal(TicketStatus.Routed, refusal.Status);
        var after = (await d.Queries.LoadAsync("1022-C"))!;
        Assert.Equal(TicketStatus.Routed, after.Status);
        Assert.Equal(2, (await d.History.ReadAsync("1022-C")).Count);
    }

    [Fact]
    public async Task Apply_StaleVersionPastTheQuickCheck_RefusedInsideTheIngestTransaction()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await d.CreateAsync("1022-D", at: Monday);
        var seen = (await d.Queries.LoadAsync("1022-D"))!.LastEventAt;
        await d.IngestOkAsync(Events.Ticket(Ioc.Contracts.EventTypes.TicketUrgencySet, "1022-D", Monday.AddMinutes(5), e => e.Urgency = "high"));

        // Sent straight to the pipeline, as another web node would: the workflow itself compares versions.
        var stale = Events.Ticket(Ioc.Contracts.EventTypes.TicketUrgencySet, "1022-D", Monday.AddMinutes(6), e =>
        {
            e.Urgency = "urgent";
            e.IfUnchangedSince = seen;
        });
        var outcome = await h.IngestAsync(stale);

        Assert.False(outcome.Succeeded);
        Assert.Equal("ticket.changed", Assert.Single(outcome.Errors).Code);
        Assert.Equal(TicketUrgency.High, (await d.Queries.LoadAsync("1022-D"))!.Urgency);
    }

    [Fact]
    public async Task SetUrgency_Urgent_DeadlineFollowsTheCategoryUrgentSlaAndBackAgain()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        // Drainage and flooding: 2 working days, 8 clock hours when urgent (data/reference/hotline-categories.json).
        await d.CreateAsync("1022-U", at: Monday, category: "thoat-nuoc");
        var normal = (await d.Queries.LoadAsync("1022-U"))!.DueAt;

        var urgent = await d.Commands.ApplyAsync(Operator, "lan", new TriageRequest(TriageAction.SetUrgency, "1022-U") { Urgency = TicketUrgency.Urgent });
        var urgentDue = (await d.Queries.LoadAsync("1022-U"))!.DueAt;
        await d.Commands.ApplyAsync(Operator, "lan", new TriageRequest(TriageAction.SetUrgency, "1022-U") { Urgency = TicketUrgency.Normal });

        Assert.True(urgent.Succeeded);
        Assert.Equal(Monday.AddHours(8), urgentDue);
        Assert.Equal(normal, (await d.Queries.LoadAsync("1022-U"))!.DueAt);
    }

    [Fact]
    public async Task RecordCall_Urgent_DueInTheCategoryUrgentHours()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);

        var (code, _) = await d.Commands.RecordCallAsync(Operator, "lan", new NewCall("Mất điện cả khu, dây điện đứt tóe lửa")
        {
            CategoryId = d.Category("dien").Id,
            Urgency = TicketUrgency.Urgent,
        });

        var t = (await d.Queries.LoadAsync(code!))!;
        Assert.Equal(TimeSpan.FromHours(4), t.DueAt - t.CreatedAt);
    }
}
