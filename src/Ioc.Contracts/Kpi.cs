using System.Text.Json.Serialization;

namespace Ioc.Contracts;

/// <summary>A time window of an indicator, ending today at the latest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiWindow>))]
public enum KpiWindow
{
    Today,
    /// <summary>Since Monday.</summary>
    Week,
    Month,
    Quarter,
    Year,
    /// <summary>The last 12 months including this one.</summary>
    Last12Months,
}

/// <summary>A rate as its parts, so that no client ever divides by zero: <see cref="Value"/> is null without a denominator.</summary>
public sealed record Rate(long Numerator, long Denominator)
{
    public static readonly Rate Empty = new(0, 0);

    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>Indicators of administrative dossiers (hồ sơ TTHC) for one unit's subtree and one window.</summary>
/// <param name="Received">Dossiers received in the window.</param>
/// <param name="OnlineRate">Received online ÷ received, over procedures that offer online service.</param>
/// <param name="FullServiceOnlineRate">The same over toàn trình procedures only (766 group 3).</param>
/// <param name="OnTimeRate">766 indicator 2.1: (finished on time in the window + in progress and not past due at its end) ÷ (finished in the window + in progress at its end).</param>
/// <param name="InProgress">Being processed at the window's end (not waiting for the citizen).</param>
/// <param name="AwaitingSupplement">Waiting for the citizen at the window's end.</param>
/// <param name="Overdue">Open, being processed and past the due date at the window's end ("quá hạn" now for windows ending today).</param>
/// <param name="SyncedRate">Received and synchronised to the National Public Service Portal ÷ received.</param>
/// <param name="VneidRate">Đề án 06: received online with VNeID authentication ÷ received online.</param>
/// <param name="PopulationDataRate">Đề án 06, 766 line 4.5: received using the national population database ÷ received.</param>
/// <param name="DataReuseRate">766 line 4.3: received reusing digitized data ÷ received.</param>
/// <param name="ElectronicCopyRate">Completed with a certified electronic copy ÷ completed.</param>
/// <param name="DataStoreRate">766 line 4.4: completed with the result linked to the citizen's data store ÷ completed.</param>
/// <param name="ProcedureSatisfactionRate">766 line 5.4: finished neither late nor rated unsatisfactory ÷ finished.</param>
public sealed record DossierKpis(
    long Received,
    long ReceivedOnline,
    Rate OnlineRate,
    Rate FullServiceOnlineRate,
    long Finished,
    long FinishedOnTime,
    long Completed,
    long Withdrawn,
    long InProgress,
    long AwaitingSupplement,
    long Overdue,
    Rate OnTimeRate,
    Rate OnlinePaymentRate,
    Rate DigitizationRate,
    Rate ElectronicResultRate,
    long SupplementRequests,
    Rate SyncedRate,
    Rate VneidRate,
    Rate PopulationDataRate,
    Rate DataReuseRate,
    Rate ElectronicCopyRate,
    Rate DataStoreRate,
    Rate ProcedureSatisfactionRate);

/// <summary>Indicators of citizen feedback (phản ánh kiến nghị, tổng đài 1022).</summary>
/// <param name="Open">Open now (not answered, rejected or merged).</param>
/// <param name="Overdue">Open, not waiting for information, and past the SLA now.</param>
/// <param name="AnsweredOnTimeRate">766 indicator 5.2: answered within the SLA ÷ answered, in the window.</param>
/// <param name="SatisfactionRate">766 indicator 5.3: satisfied ÷ rated, in the window.</param>
/// <param name="MedianHoursToAnswer">Median whole hours from receipt to answer, over answers in the window; null without answers, and in rankings (<c>IndicatorQueries.GetManyAsync</c>), which do not compute it.</param>
public sealed record HotlineKpis(
    long Received,
    long Open,
    long Overdue,
    long Answered,
    Rate AnsweredOnTimeRate,
    Rate SatisfactionRate,
    int? MedianHoursToAnswer);

/// <summary>One line of the 766 score card.</summary>
/// <param name="MaxPoints">0 for a line the portal tracks without scoring it.</param>
/// <param name="Points">Null when the indicator has no data in the window, or IOC does not receive its data.</param>
/// <param name="Target">The rate at which the line earns full points: points = max × min(1, rate ÷ target).</param>
/// <param name="Computable">False for a line whose data IOC does not receive ("chưa có dữ liệu").</param>
/// <param name="Indicator">The indicator behind the line (the reference file's <c>source</c>), so that a page can link the dossiers that cost it points.</param>
public sealed record ScoreLine(string Group, string Code, string Name, double MaxPoints, Rate Rate, double? Points, double Target = 0.8, bool Computable = true, string Indicator = "")
{
    /// <summary>
    /// What it would take: how many more of the dossiers or tickets the rate counts would have had to meet
    /// the line (on time, online, digitized…) for the rate to reach the target; 0 at or above it, null
    /// without data. Counted over the same denominator, so it is the smallest change that earns full points.
    /// </summary>
    public long? ShortOfTarget => Computable && Rate.Denominator > 0
        // decimal: 0.8 × 10 in double is 8.000000000000002, whose ceiling would ask for one dossier too many.
        ? Math.Max(0, (long)Math.Ceiling((decimal)Target * Rate.Denominator) - Rate.Numerator)
        : null;
}

/// <summary>The 766 card: <paramref name="Points"/> out of <paramref name="MaxPoints"/>, the maximum of the lines the unit has data for.</summary>
public sealed record ScoreCard(IReadOnlyList<ScoreLine> Lines, double Points, double MaxPoints)
{
    /// <summary>False when no scored line has data: the unit has no score ("không có dữ liệu"), not 0 points.</summary>
    public bool HasData => Lines.Any(l => l.Points is not null && l.MaxPoints > 0);

    /// <summary>The points of a unit with data; null otherwise, so that it is never ranked as 0.</summary>
    public double? Score => HasData ? Points : null;

    /// <summary>The points of the whole national card (100).</summary>
    public double TotalPoints => Lines.Sum(l => l.MaxPoints);

    /// <summary>The points of the lines IOC can compute from the events it receives.</summary>
    public double CoveredPoints => Lines.Where(l => l.Computable).Sum(l => l.MaxPoints);
}

/// <summary>A live indicator stream: one unit's subtree over one window.</summary>
public readonly record struct KpiStreamKey(int UnitId, KpiWindow Window)
{
    public override string ToString() => $"{UnitId}:{Window}";
}

/// <summary>
/// Every indicator of one stream at one moment. Updates are whole snapshots; <see cref="Sequence"/>
/// grows by one per published snapshot of the stream, so a client that sees a gap asks for a resync.
/// </summary>
public sealed record KpiSnapshot(
    KpiStreamKey Stream,
    long Sequence,
    string UnitCode,
    string UnitName,
    DateOnly From,
    DateOnly To,
    DateTimeOffset ComputedAt,
    DossierKpis Dossiers,
    HotlineKpis Hotline,
    ScoreCard ScoreCard);

/// <summary>Sent to every client every few seconds, so that a quiet province is not mistaken for a dead link.</summary>
public sealed record KpiHeartbeat(DateTimeOffset ServerTime);

public enum TicketChangeKind
{
    Created,
    StatusChanged,
    Assigned,
    Updated,
}

/// <summary>A change of one hotline ticket, for triage pages.</summary>
public sealed record TicketChange(
    long Sequence,
    TicketChangeKind Kind,
    string TicketCode,
    string Status,
    int? UnitId,
    int? CategoryId,
    DateTimeOffset OccurredAt);

/// <summary>Methods the KPI hub calls on its clients.</summary>
public interface IKpiClient : IAlertClient
{
    Task KpiUpdated(KpiSnapshot snapshot);

    Task Heartbeat(KpiHeartbeat heartbeat);

    Task TicketsChanged(IReadOnlyList<TicketChange> changes);
}

/// <summary>Hub path and the names of its server methods, for clients that do not share this assembly.</summary>
public static class KpiHubContract
{
    public const string Path = "/hubs/kpi";
    public const string Subscribe = nameof(Subscribe);
    public const string Unsubscribe = nameof(Unsubscribe);
    public const string Resync = nameof(Resync);
    public const string SubscribeTickets = nameof(SubscribeTickets);
    public const string UnsubscribeTickets = nameof(UnsubscribeTickets);
    public const string SubscribeAlerts = nameof(SubscribeAlerts);
}

/// <summary>An alert fired, was acknowledged or cleared: clients re-read the alerts they may see.</summary>
public sealed record AlertNotice(long AlertId, int UnitId, string Change, DateTimeOffset At)
{
    public const string Fired = "fired";
    public const string Acknowledged = "acknowledged";
    public const string Cleared = "cleared";
    public const string RulesChanged = "rules";
}

/// <summary>Alert notices go to callers who joined with <c>SubscribeAlerts</c>.</summary>
public interface IAlertClient
{
    Task AlertsChanged(AlertNotice notice);
}
