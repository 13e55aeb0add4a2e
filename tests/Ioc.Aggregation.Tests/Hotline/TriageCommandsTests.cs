using Ioc.Aggregation.Access;
using Ioc.Aggregation.Hotline;
using Ioc.Contracts;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

public sealed class TriageCommandsTests
{
    private const string Actor = "tongdai";

    private static async Task<(IngestHarness Harness, HotlineTestData Data)> CreateAsync()
    {
        var h = await IngestHarness.CreateAsync();
        return (h, new HotlineTestData(h));
    }

    [Fact]
    public async Task Route_NewTicket_RoutedWithCategoryUrgencyAndNewDue_AuditedAndInHistory()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday);
        var before = (await d.Queries.LoadAsync("1022-A"))!;

        var outcome = await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Route, "1022-A")
        {
            CategoryId = d.Category("thoat-nuoc").Id,
            UnitId = d.Commune().Id,
            Urgency = TicketUrgency.High,
        });

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Refused.Select(r => r.Message)));
        var after = (await d.Queries.LoadAsync("1022-A"))!;
        Assert.Equal(TicketStatus.Routed, after.Status);
        Assert.Equal(d.Commune().Id, after.UnitId);
        Assert.Equal(TicketUrgency.High, after.Urgency);
        Assert.True(after.DueAt < before.DueAt, "the 2-day drainage SLA replaces the 10-day default");
        var history = await d.History.ReadAsync("1022-A");
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Routed], history.Select(e => e.Kind));
        Assert.Equal((TicketStatus?)TicketStatus.New, history[1].From);
        Assert.Equal(TicketStatus.Routed, history[1].To);
        Assert.Equal(Actor, history[1].Actor);
        Assert.Equal("web", history[1].Source);
        var (audit, _) = await h.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditLog.Query(Actor: Actor));
        var entry = Assert.Single(audit);
        Assert.Equal("ticket.route", entry.Action);
        Assert.Equal("1022-A", entry.Target);
        Assert.Contains("\"status\":\"New\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Routed\"", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_AnsweredTicket_RefusedAsIllegalTransitionWithItsStatus()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday, category: "thoat-nuoc");
        await d.RouteAsync("1022-A", d.Commune(), Monday.AddHours(1));
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAnswered, "1022-A", Monday.AddHours(2), e => e.Answer = "Đã nạo vét"));

        var outcome = await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Route, "1022-A") { UnitId = d.Department.Id });

        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal("ticket.transition", refusal.Code);
        Assert.Equal(TicketStatus.Answered, refusal.Status);
        Assert.Empty(outcome.Applied);
        Assert.Equal(d.Commune().Id, (await d.Queries.LoadAsync("1022-A"))!.UnitId);
    }

    [Fact]
    public async Task Apply_NotHotlineStaff_RefusedAndNothingChanges()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday);

        var outcome = await d.Commands.ApplyAsync(Leader, "lanhdao", new TriageRequest(TriageAction.SetUrgency, "1022-A") { Urgency = TicketUrgency.Urgent });

        Assert.Equal("access.denied", Assert.Single(outcome.Refused).Code);
        Assert.Equal(TicketUrgency.Normal, (await d.Queries.LoadAsync("1022-A"))!.Urgency);
    }

    [Fact]
    public async Task Bulk_OneTicketCannotTakeIt_OthersAppliedAndEachRefusalNamed()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday);
        await d.CreateAsync("1022-B", at: Monday);
        await d.CreateAsync("1022-C", at: Monday, category: "thoat-nuoc");
        await d.RouteAsync("1022-C", d.Commune(), Monday.AddHours(1));
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAnswered, "1022-C", Monday.AddHours(2), e => e.Answer = "Đã xử lý"));

        var outcome = await d.Commands.ApplyAsync(Operator, Actor,
            [.. new[] { "1022-A", "1022-B", "1022-C", "1022-NONE" }.Select(c => new TriageRequest(TriageAction.Reject, c) { Reason = "Tin nhắn quảng cáo" })]);

        Assert.Equal(["1022-A", "1022-B"], outcome.Applied);
        Assert.Equal(["1022-C:ticket.transition", "1022-NONE:ticket.unknown"], outcome.Refused.Select(r => $"{r.TicketCode}:{r.Code}").Order());
        Assert.Equal(TicketStatus.Rejected, (await d.Queries.LoadAsync("1022-B"))!.Status);
        Assert.Equal("Tin nhắn quảng cáo", (await d.Queries.LoadAsync("1022-B"))!.StatusReason);
    }

    [Fact]
    public async Task Reject_WithoutReason_RefusedByIngestValidation()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday);

        var outcome = await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Reject, "1022-A") { Reason = "  " });

        Assert.Equal("field.missing", Assert.Single(outcome.Refused).Code);
    }

    [Fact]
    public async Task MarkDuplicate_LinksBothWays()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday);
        await d.CreateAsync("1022-B", at: Monday.AddHours(1));

        var outcome = await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.MarkDuplicate, "1022-B") { DuplicateOf = "1022-A" });

        Assert.True(outcome.Succeeded);
        var duplicate = (await d.Queries.LoadAsync("1022-B"))!;
        Assert.Equal(TicketStatus.Duplicate, duplicate.Status);
        Assert.Equal("1022-A", duplicate.DuplicateOf);
        Assert.False(duplicate.IsOpen);
        Assert.Equal(["1022-B"], (await d.Queries.DuplicatesOfAsync(Operator, "1022-A")).Select(l => l.Code));
    }

    [Fact]
    public async Task SetDue_WithReason_OverridesSla_AndAnswerRatePublishFollow()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;
        await d.CreateAsync("1022-A", at: Monday, category: "thoat-nuoc");
        var due = new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.FromHours(7));

        Assert.True((await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.SetDue, "1022-A") { DueAt = due, Reason = "Cần khảo sát hiện trường" })).Succeeded);
        Assert.True((await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Route, "1022-A") { UnitId = d.Commune().Id })).Succeeded);
        Assert.True((await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Answer, "1022-A") { Answer = "Đã nạo vét cống." })).Succeeded);
        Assert.True((await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Publish, "1022-A"))).Succeeded);
        Assert.True((await d.Commands.ApplyAsync(Operator, Actor, new TriageRequest(TriageAction.Rate, "1022-A") { Satisfied = false })).Succeeded);

        var s = (await d.Queries.LoadAsync("1022-A"))!;
        Assert.Equal(due, s.DueAt);
        Assert.Equal("Cần khảo sát hiện trường", s.DueOverrideReason);
        Assert.Equal(TicketStatus.Published, s.Status);
        Assert.True(s.AnsweredOnTime);
        Assert.False(s.Satisfied);
        Assert.DoesNotContain(TriageAction.Rate, TriageCommands.AllowedActions(s));
        var history = await d.History.ReadAsync("1022-A");
        Assert.Equal(
            ["Created:-:New", "DueSet:New:New", "Routed:New:Routed", "Answered:Routed:Answered", "Published:Answered:Published", "Rated:Published:Published"],
            history.Select(e => $"{e.Kind}:{e.From?.ToString() ?? "-"}:{e.To}"));
    }

    [Fact]
    public async Task RecordCall_CreatesPhoneTicketNumberedForTheDay()
    {
        var (h, d) = await CreateAsync();
        await using var _ = h;

        var (first, refusal) = await d.Commands.RecordCallAsync(Operator, Actor, new NewCall("Mất nước sinh hoạt từ sáng") { CommuneId = d.Commune().Id, ReporterPhone = "0912345678", IsPublic = true });
        var (second, _) = await d.Commands.RecordCallAsync(Operator, Actor, new NewCall("Cây đổ chắn ngang đường") { Urgency = TicketUrgency.Urgent });

        Assert.Null(refusal);
        Assert.Equal("1022-260320-T001", first);
        Assert.Equal("1022-260320-T002", second);
        var s = (await d.Queries.LoadAsync(first!))!;
        Assert.Equal(TicketChannel.Phone, s.Channel);
        Assert.Equal(TicketStatus.New, s.Status);
        Assert.Equal("0912345678", s.ReporterPhone);
        Assert.Equal(TicketUrgency.Urgent, (await d.Queries.LoadAsync(second!))!.Urgency);
        Assert.Equal(Actor, (await d.History.ReadAsync(first!))[0].Actor);
    }

    [Theory]
    [InlineData(TicketStatus.New, new[] { TriageAction.Classify, TriageAction.Route, TriageAction.SetUrgency, TriageAction.MarkDuplicate, TriageAction.Reject, TriageAction.SetDue })]
    [InlineData(TicketStatus.InProgress, new[] { TriageAction.SetUrgency, TriageAction.Reject, TriageAction.SetDue, TriageAction.AwaitInfo, TriageAction.Answer, TriageAction.ReturnToTriage })]
    [InlineData(TicketStatus.AwaitingInfo, new[] { TriageAction.SetUrgency, TriageAction.SetDue, TriageAction.InfoReceived })]
    [InlineData(TicketStatus.Duplicate, new TriageAction[0])]
    public void AllowedActions_FollowTheWorkflow(TicketStatus status, TriageAction[] expected)
    {
        var s = new TicketState("T", TicketChannel.Phone, 1, "x", null, null, null, null, null, null, IsPublic: true, TicketUrgency.Normal, null,
            Monday, Monday, null, status, null, TimeSpan.Zero, TimeSpan.Zero, null, null, null, null, null, null, null, null, Monday);

        Assert.Equal(expected.Order(), TriageCommands.AllowedActions(s).Order());
    }
}
