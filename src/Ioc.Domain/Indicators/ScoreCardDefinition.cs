using Ioc.Contracts;

namespace Ioc.Domain.Indicators;

/// <summary>Which computed rate feeds a score line.</summary>
public enum ScoreSource
{
    OnTimeRate,
    OnlineRate,
    FullServiceOnlineRate,
    OnlinePaymentRate,
    DigitizationRate,
    ElectronicResultRate,
    HotlineAnsweredOnTimeRate,
    HotlineSatisfactionRate,
}

/// <param name="Cap">The rate at which the line earns full points (766: 0.8 for most).</param>
public sealed record ScoreLineDefinition(string Group, string Code, string Name, double MaxPoints, ScoreSource Source, double Cap);

/// <summary>
/// The 766 score card as far as our data reach: points = max × min(1, rate ÷ cap). The lines come
/// from a data file so that a province can follow changes of the national method without a rebuild.
/// </summary>
public sealed class ScoreCardDefinition(IReadOnlyList<ScoreLineDefinition> lines)
{
    public IReadOnlyList<ScoreLineDefinition> Lines { get; } = lines;

    public ScoreCard Compute(DossierKpis dossiers, HotlineKpis hotline)
    {
        var lines = Lines.Select(l =>
        {
            var rate = Pick(l.Source, dossiers, hotline);
            double? points = rate.Value is double r ? Points(l.MaxPoints, r, l.Cap) : null;
            return new ScoreLine(l.Group, l.Code, l.Name, l.MaxPoints, rate, points);
        }).ToList();
        // Scored out of the lines the unit can earn: a unit with no tickets is not marked down for the
        // hotline lines ("61,5 / 64", not "/ 82"); with no line at all it has no score (ScoreCard.HasData).
        var earnable = lines.Where(l => l.Points is not null).ToList();
        return new ScoreCard(lines, Math.Round(earnable.Sum(l => l.Points!.Value), 2), earnable.Sum(l => l.MaxPoints));
    }

    public static double Points(double max, double rate, double cap) =>
        Math.Round(max * Math.Min(1.0, cap <= 0 ? 1.0 : rate / cap), 2);

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
        _ => Rate.Empty,
    };
}
