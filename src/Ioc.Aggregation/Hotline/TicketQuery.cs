using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Hotline;

public enum TicketSortField
{
    /// <summary>Due instant: what runs out first.</summary>
    DueAt,
    CreatedAt,
    Urgency,
    Status,
    Code,
}

public enum TicketDueFilter
{
    Any,
    /// <summary>Open, clock running, past the due instant now.</summary>
    Overdue,
    /// <summary>Open, clock running, due within the next 24 hours.</summary>
    DueWithin24Hours,
}

/// <summary>
/// The tickets that cost a 766 hotline line its points (TicketContribution's denominators less their
/// numerators), on the day the line counts them: answered not on time (5.2, by the answer's day) and
/// rated not satisfied (5.3, by the rating's day).
/// </summary>
public enum TicketShortfall
{
    AnsweredLate,
    Unsatisfied,
}

/// <summary>One page of the triage queue as the operator asked for it. Empty collections mean "any".</summary>
public sealed record TicketQuery
{
    public IReadOnlySet<TicketStatus> Statuses { get; init; } = new HashSet<TicketStatus>();

    public IReadOnlySet<int> Categories { get; init; } = new HashSet<int>();

    /// <summary>Tickets that have no category yet, in addition to <see cref="Categories"/>.</summary>
    public bool Uncategorized { get; init; }

    public IReadOnlySet<TicketChannel> Channels { get; init; } = new HashSet<TicketChannel>();

    public IReadOnlySet<TicketUrgency> Urgencies { get; init; } = new HashSet<TicketUrgency>();

    /// <summary>Responsible unit, with its whole subtree.</summary>
    public int? UnitId { get; init; }

    /// <summary>Where it happened (xã/phường).</summary>
    public int? CommuneId { get; init; }

    public TicketDueFilter Due { get; init; }

    /// <summary>First day of creation, province time, inclusive.</summary>
    public DateOnly? CreatedFrom { get; init; }

    /// <summary>Last day of creation, province time, inclusive.</summary>
    public DateOnly? CreatedTo { get; init; }

    /// <summary>Only the tickets that lost a score line its points, answered or rated within <see cref="LostFrom"/>–<see cref="LostTo"/>.</summary>
    public TicketShortfall? Lost { get; init; }

    /// <summary>First day (province time, inclusive) of the answer or rating <see cref="Lost"/> selects on.</summary>
    public DateOnly? LostFrom { get; init; }

    /// <summary>Last day (province time, inclusive) of the answer or rating <see cref="Lost"/> selects on.</summary>
    public DateOnly? LostTo { get; init; }

    /// <summary>Words looked for in code, text, address, commune and reporter, ignoring diacritics and case.</summary>
    public string? Search { get; init; }

    public TicketSortField Sort { get; init; } = TicketSortField.DueAt;

    public bool Descending { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;

    /// <summary>The statuses of <see cref="TicketState.IsOpen"/>.</summary>
    public static readonly IReadOnlySet<TicketStatus> Open = new HashSet<TicketStatus>
    {
        TicketStatus.New, TicketStatus.Triaged, TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInfo, TicketStatus.ReturnedToTriage,
    };

    /// <summary>Waiting for the hotline: new, classified but not routed, or sent back by a unit.</summary>
    public static readonly IReadOnlySet<TicketStatus> NeedsTriage = new HashSet<TicketStatus> { TicketStatus.New, TicketStatus.Triaged, TicketStatus.ReturnedToTriage };
}

/// <summary>A queue row: the ticket as this caller may see it in a list (reporter always masked, text cut).</summary>
/// <param name="TextLength">Length of the whole text, to tell whether the row shows all of it.</param>
public sealed record TicketQueueItem(TicketState Ticket, int TextLength);

public sealed record TicketPage(IReadOnlyList<TicketQueueItem> Items, int Total, TimeSpan Elapsed);
