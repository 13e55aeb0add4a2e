using Ioc.Contracts;

namespace Ioc.Domain.Indicators;

/// <summary>Turns summed rollup columns into indicators. All the 766 definitions live here.</summary>
public static class KpiCalculator
{
    /// <param name="flows">Flow measures summed over the window's days (indexed by <see cref="DossierMeasure"/>).</param>
    /// <param name="atEnd">Delta measures summed over all days up to the window's end.</param>
    public static DossierKpis Dossiers(ReadOnlySpan<long> flows, ReadOnlySpan<long> atEnd)
    {
        var f = flows;
        var active = atEnd[(int)DossierMeasure.ActiveDelta];
        var onTimeActive = atEnd[(int)DossierMeasure.OnTimeActiveDelta];
        return new DossierKpis(
            Received: f[(int)DossierMeasure.Received],
            ReceivedOnline: f[(int)DossierMeasure.EligibleOnline],
            OnlineRate: new Rate(f[(int)DossierMeasure.EligibleOnline], f[(int)DossierMeasure.EligibleReceived]),
            FullServiceOnlineRate: new Rate(f[(int)DossierMeasure.FullServiceOnline], f[(int)DossierMeasure.FullServiceReceived]),
            Finished: f[(int)DossierMeasure.Finished],
            FinishedOnTime: f[(int)DossierMeasure.FinishedOnTime],
            Completed: f[(int)DossierMeasure.Completed],
            Withdrawn: f[(int)DossierMeasure.Withdrawn],
            InProgress: active,
            AwaitingSupplement: atEnd[(int)DossierMeasure.PausedDelta],
            Overdue: atEnd[(int)DossierMeasure.PastDueDelta],
            // Dossiers of procedures without a time limit have no verdict: they stay out of both sides of the rate.
            OnTimeRate: new Rate(
                f[(int)DossierMeasure.FinishedOnTime] + onTimeActive,
                f[(int)DossierMeasure.Finished] - f[(int)DossierMeasure.FinishedWithoutLimit] + active - atEnd[(int)DossierMeasure.ActiveWithoutLimitDelta]),
            OnlinePaymentRate: new Rate(f[(int)DossierMeasure.PaidOnline], f[(int)DossierMeasure.FeeBearing]),
            DigitizationRate: new Rate(f[(int)DossierMeasure.Digitized], f[(int)DossierMeasure.Received]),
            ElectronicResultRate: new Rate(f[(int)DossierMeasure.ElectronicResult], f[(int)DossierMeasure.Completed]),
            SupplementRequests: f[(int)DossierMeasure.SupplementRequests],
            SyncedRate: new Rate(f[(int)DossierMeasure.SyncedToNationalPortal], f[(int)DossierMeasure.Received]),
            VneidRate: new Rate(f[(int)DossierMeasure.VneidAuthenticated], f[(int)DossierMeasure.EligibleOnline]),
            PopulationDataRate: new Rate(f[(int)DossierMeasure.PopulationData], f[(int)DossierMeasure.Received]),
            DataReuseRate: new Rate(f[(int)DossierMeasure.DigitizedDataReused], f[(int)DossierMeasure.Received]),
            ElectronicCopyRate: new Rate(f[(int)DossierMeasure.ElectronicCopy], f[(int)DossierMeasure.Completed]),
            DataStoreRate: new Rate(f[(int)DossierMeasure.LinkedToDataStore], f[(int)DossierMeasure.Completed]),
            ProcedureSatisfactionRate: new Rate(f[(int)DossierMeasure.FinishedSatisfactory], f[(int)DossierMeasure.Finished]));
    }

    /// <param name="flows">Flow measures summed over the window (indexed by <see cref="TicketMeasure"/>).</param>
    /// <param name="open">Tickets open now.</param>
    /// <param name="overdue">Tickets past their SLA now.</param>
    /// <param name="answerHours">Histogram of whole hours to answer (bucket → count) over the window.</param>
    public static HotlineKpis Hotline(ReadOnlySpan<long> flows, long open, long overdue, IReadOnlyDictionary<int, long> answerHours) =>
        new(
            Received: flows[(int)TicketMeasure.Received],
            Open: open,
            Overdue: overdue,
            Answered: flows[(int)TicketMeasure.Answered],
            AnsweredOnTimeRate: new Rate(flows[(int)TicketMeasure.AnsweredOnTime], flows[(int)TicketMeasure.Answered]),
            SatisfactionRate: new Rate(flows[(int)TicketMeasure.Satisfied], flows[(int)TicketMeasure.Rated]),
            MedianHoursToAnswer: LowerMedian(answerHours));

    /// <summary>The lower median of a histogram: the value at sorted index (n − 1) / 2.</summary>
    public static int? LowerMedian(IReadOnlyDictionary<int, long> histogram)
    {
        var n = histogram.Values.Sum();
        if (n <= 0)
        {
            return null;
        }
        var target = (n - 1) / 2;
        long seen = 0;
        foreach (var (bucket, count) in histogram.OrderBy(kv => kv.Key))
        {
            seen += count;
            if (seen > target)
            {
                return bucket;
            }
        }
        return null;
    }
}
