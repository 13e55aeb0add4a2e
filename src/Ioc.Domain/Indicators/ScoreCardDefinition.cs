using Ioc.Contracts;

namespace Ioc.Domain.Indicators;

/// <summary>Which computed rate feeds a score line; <see cref="NotReceived"/> for a line whose data IOC does not receive.</summary>
public enum ScoreSource
{
    NotReceived,
    OnTimeRate,
    OnlineRate,
    FullServiceOnlineRate,
    OnlinePaymentRate,
    DigitizationRate,
    ElectronicResultRate,
    HotlineAnsweredOnTimeRate,
    HotlineSatisfactionRate,
    SyncedRate,
    VneidRate,
    PopulationDataRate,
    DataReuseRate,
    ElectronicCopyRate,
    DataStoreRate,
    ProcedureSatisfactionRate,
}

/// <param name="MaxPoints">0 for a line the portal shows but does not score (theo dõi).</param>
/// <param name="Target">The rate at which the line earns full points.</param>
public sealed record ScoreLineDefinition(string Group, string Code, string Name, double MaxPoints, ScoreSource Source, double Target);

/// <summary>
/// The 766 score card as the national portal shows it: points = max × min(1, rate ÷ target). The lines
/// come from a data file so that a province can follow changes of the national method without a rebuild;
/// lines whose data IOC does not receive stay on the card, marked, so that the total says what it covers.
/// </summary>
public sealed class ScoreCardDefinition(IReadOnlyList<ScoreLineDefinition> lines)
{
    public IReadOnlyList<ScoreLineDefinition> Lines { get; } = lines;

    public ScoreCard Compute(DossierKpis dossiers, HotlineKpis hotline)
    {
        var lines = Lines.Select(l =>
        {
            var computable = l.Source != ScoreSource.NotReceived;
            var rate = Pick(l.Source, dossiers, hotline);
            double? points = rate.Value is double r ? Points(l.MaxPoints, r, l.Target) : null;
            return new ScoreLine(l.Group, l.Code, l.Name, l.MaxPoints, rate, points, l.Target, computable, l.Source.ToString());
        }).ToList();
        // Scored out of the lines the unit can earn: a unit with no tickets is not marked down for the
        // hotline lines ("61,5 / 64", not "/ 82"); with no line at all it has no score (ScoreCard.HasData).
        var earnable = lines.Where(l => l.Points is not null).ToList();
        return new ScoreCard(lines, Math.Round(earnable.Sum(l => l.Points!.Value), 2), earnable.Sum(l => l.MaxPoints));
    }

    public static double Points(double max, double rate, double target) =>
        Math.Round(max * Math.Min(1.0, target <= 0 ? 1.0 : rate / target), 2);

    private static Rate Pick(ScoreSource source, DossierKpis d, HotlineKpis h) => source switch
    {
        ScoreSource.OnTimeRate => d.OnTimeRate,
        ScoreSource.OnlineRate => d.OnlineRate,
        ScoreSource.FullServiceOnlineRate => d.FullServiceOnlineRate,
        ScoreSource.OnlinePaymentRate => d.OnlinePaymentRate,
        ScoreSource.DigitizationRate => d.DigitizationRate,
        ScoreSource.ElectronicResultRate => d.ElectronicResultRate,
        ScoreSource.HotlineAnsweredOnTimeRate => h.AnsweredOnTimeRate,
        ScoreSource.HotlineSatisfactionRate => h.SatisfactionRate,
        ScoreSource.SyncedRate => d.SyncedRate,
        ScoreSource.VneidRate => d.VneidRate,
        ScoreSource.PopulationDataRate => d.PopulationDataRate,
        ScoreSource.DataReuseRate => d.DataReuseRate,
        ScoreSource.ElectronicCopyRate => d.ElectronicCopyRate,
        ScoreSource.DataStoreRate => d.DataStoreRate,
        ScoreSource.ProcedureSatisfactionRate => d.ProcedureSatisfactionRate,
        _ => Rate.Empty,
    };
}
