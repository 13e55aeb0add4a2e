using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Hotline;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Web.Features.Hotline;

namespace Ioc.Web.Features.Units;

/// <summary>Where a score line's lost points went: a link to the dossier list of the shortfall, and what it says.</summary>
/// <param name="Text">What the link says, in Vietnamese with a "{0}" for the count: "12 hồ sơ trễ hạn".</param>
/// <param name="Count">The dossiers or tickets the line counts against the unit (its rate's denominator less its numerator); null when the list cannot be held to it.</param>
public sealed record ScoreLoss(string Text, string Href, long? Count);

/// <summary>
/// Links each line of a unit's 766 card that lost points to the dossiers that lost them, with the
/// card's window: the list is the same unit's dossier tab with <c>lost=…</c>, so its count equals the
/// line's "tổng số − đạt". The hotline lines (5.2, 5.3) link to the 1022 queue narrowed to the tickets
/// answered late or rated unsatisfied in the window (<see cref="TicketShortfall"/>). Lines that lost
/// nothing get no link.
/// </summary>
public sealed class ScoreLosses(ScoreCardDefinition card, ProvinceClock clock, ReferenceCatalog catalog)
{
    public ScoreLoss? For(ScoreLine line, int unitId, WindowSelection window)
    {
        if (line.Points is not double points || line.MaxPoints - points < 0.005 || line.Rate.Denominator <= line.Rate.Numerator)
        {
            return null;
        }
        if (card.Lines.FirstOrDefault(l => l.Code == line.Code) is not { } definition)
        {
            return null;
        }
        if (TicketShortfallOf(definition.Source) is TicketShortfall tickets)
        {
            var range = window.Resolve(clock.Today);
            // Unassigned tickets count for the province (RollupProjector.TicketScopes): its list is not narrowed to units.
            var queue = new QueueFilter
            {
                View = QueueView.All, Lost = tickets, From = range.From, To = range.To,
                UnitId = unitId == catalog.Units.Root.Id ? null : unitId,
            };
            return new ScoreLoss(tickets == TicketShortfall.AnsweredLate ? "{0} phiếu trả lời trễ hạn" : "{0} phiếu không hài lòng",
                "/hotline" + queue.ToQueryString(QueueView.Triage), line.Rate.Denominator - line.Rate.Numerator);
        }
        if (ScoreShortfalls.For(definition.Source) is not ScoreShortfall shortfall)
        {
            return null;
        }
        var url = new UnitPageUrl(window, UnitPageUrl.DossiersTab, Basis: ScoreShortfalls.Basis(shortfall), Lost: shortfall);
        // 2.1 counts the dossiers still being processed at the window's end; their state now is that state
        // only for a window that reaches today, so an earlier window's list holds the finished ones alone.
        var exact = shortfall != ScoreShortfall.Late || window.Resolve(clock.Today).To >= clock.Today;
        return new ScoreLoss(Text(shortfall), $"/units/{unitId}?{url.Query}", exact ? line.Rate.Denominator - line.Rate.Numerator : null);
    }

    private static TicketShortfall? TicketShortfallOf(ScoreSource source) => source switch
    {
        ScoreSource.HotlineAnsweredOnTimeRate => TicketShortfall.AnsweredLate,
        ScoreSource.HotlineSatisfactionRate => TicketShortfall.Unsatisfied,
        _ => null,
    };

    /// <summary>What the link says, in Vietnamese with a "{0}" for the count: "12 hồ sơ trễ hạn".</summary>
    public static string Text(ScoreShortfall shortfall) => shortfall switch
    {
        ScoreShortfall.Late => "{0} hồ sơ trễ hạn",
        ScoreShortfall.Offline or ScoreShortfall.FullServiceOffline => "{0} hồ sơ không nộp trực tuyến",
        ScoreShortfall.UnpaidOnline => "{0} hồ sơ chưa thanh toán trực tuyến",
        ScoreShortfall.NotDigitized => "{0} hồ sơ chưa số hóa",
        _ => "{0} hồ sơ trả kết quả giấy",
    };

    /// <summary>The shortfall as the dossier list's filter names it.</summary>
    public static string FilterName(ScoreShortfall shortfall) => shortfall switch
    {
        ScoreShortfall.Late => "trễ hạn",
        ScoreShortfall.Offline => "không nộp trực tuyến",
        ScoreShortfall.FullServiceOffline => "không nộp trực tuyến (thủ tục toàn trình)",
        ScoreShortfall.UnpaidOnline => "chưa thanh toán trực tuyến",
        ScoreShortfall.NotDigitized => "chưa số hóa",
        _ => "trả kết quả giấy",
    };

    /// <summary>The 2.1 link's words for a window that ended before today, whose list cannot be held to the card's figure.</summary>
    public const string LateWithoutCount = "Hồ sơ giải quyết trễ hạn";
}
