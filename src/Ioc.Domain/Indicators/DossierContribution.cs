using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;

namespace Ioc.Domain.Indicators;

/// <summary>
/// What one dossier adds to its unit's daily rollups, as a pure function of its state. Ingest
/// subtracts the contribution of the state before a batch and adds that of the state after it;
/// a rebuild adds the contributions of the final states. Both therefore agree by construction,
/// and the tests compare both with a brute-force evaluation of raw events.
/// </summary>
public static class DossierContribution
{
    public static void Emit(DossierState s, int sign, IDayDeltaSink sink)
    {
        var received = ProvinceTime.LocalDate(s.ReceivedAt).DayNumber;
        EmitReceipt(s, received, sign, sink);

        int? finished = s.FinishedAt is DateTimeOffset f ? ProvinceTime.LocalDate(f).DayNumber : null;
        var segmentStart = received;
        int? due = s.InitialDue?.LastOnTimeDay.DayNumber;
        var segment = 0;
        var active = true;
        foreach (var pause in s.Pauses)
        {
            var paused = ProvinceTime.LocalDate(pause.PausedAt).DayNumber;
            EmitActiveSegment(segmentStart, paused, due, segment, sign, sink);
            sink.Add(paused, (int)DossierMeasure.SupplementRequests, sign);
            sink.Add(paused, (int)DossierMeasure.PausedDelta, sign);
            if (pause.ResumedAt is not DateTimeOffset resumedAt)
            {
                if (finished is int end)
                {
                    sink.Add(end, (int)DossierMeasure.PausedDelta, -sign);
                }
                active = false;
                break;
            }
            var resumed = ProvinceTime.LocalDate(resumedAt).DayNumber;
            sink.Add(resumed, (int)DossierMeasure.PausedDelta, -sign);
            segmentStart = resumed;
            due = pause.DueAfterResume?.LastOnTimeDay.DayNumber;
            segment++;
        }
        if (active)
        {
            EmitActiveSegment(segmentStart, finished, due, segment, sign, sink);
        }

        if (finished is int day)
        {
            switch (s.Status)
            {
                case DossierStatus.Completed or DossierStatus.Returned:
                    sink.Add(day, (int)DossierMeasure.Finished, sign);
                    if (s.Due is null)
                    {
                        sink.Add(day, (int)DossierMeasure.FinishedWithoutLimit, sign);
                    }
                    if (s.FinishedOnTime == true)
                    {
                        sink.Add(day, (int)DossierMeasure.FinishedOnTime, sign);
                    }
                    // 766 line 5.4 counts against a dossier both lateness and the citizen's displeasure; a
                    // procedure without a limit is never late, so only the rating can count against it.
                    if (s.FinishedOnTime != false && !s.Has(DossierFlags.RatedDissatisfied))
                    {
                        sink.Add(day, (int)DossierMeasure.FinishedSatisfactory, sign);
                    }
                    if (s.Status == DossierStatus.Completed)
                    {
                        sink.Add(day, (int)DossierMeasure.Completed, sign);
                        AddIf(s, DossierFlags.ElectronicResult, day, DossierMeasure.ElectronicResult, sign, sink);
                        AddIf(s, DossierFlags.ElectronicCopy, day, DossierMeasure.ElectronicCopy, sign, sink);
                        AddIf(s, DossierFlags.LinkedToDataStore, day, DossierMeasure.LinkedToDataStore, sign, sink);
                    }
                    break;
                case DossierStatus.Withdrawn:
                    sink.Add(day, (int)DossierMeasure.Withdrawn, sign);
                    break;
            }
        }
    }

    private static void EmitReceipt(DossierState s, int day, int sign, IDayDeltaSink sink)
    {
        var online = s.Channel == DossierChannel.Online;
        sink.Add(day, (int)DossierMeasure.Received, sign);
        if (s.OnlineLevel != OnlineLevel.None)
        {
            sink.Add(day, (int)DossierMeasure.EligibleReceived, sign);
            if (online)
            {
                sink.Add(day, (int)DossierMeasure.EligibleOnline, sign);
            }
        }
        if (s.OnlineLevel == OnlineLevel.Full)
        {
            sink.Add(day, (int)DossierMeasure.FullServiceReceived, sign);
            if (online)
            {
                sink.Add(day, (int)DossierMeasure.FullServiceOnline, sign);
            }
        }
        if (s.FeeBearing)
        {
            sink.Add(day, (int)DossierMeasure.FeeBearing, sign);
            if (s.Has(DossierFlags.PaidOnline))
            {
                sink.Add(day, (int)DossierMeasure.PaidOnline, sign);
            }
        }
        AddIf(s, DossierFlags.Digitized, day, DossierMeasure.Digitized, sign, sink);
        AddIf(s, DossierFlags.SyncedToNationalPortal, day, DossierMeasure.SyncedToNationalPortal, sign, sink);
        AddIf(s, DossierFlags.PopulationData, day, DossierMeasure.PopulationData, sign, sink);
        AddIf(s, DossierFlags.DigitizedDataReused, day, DossierMeasure.DigitizedDataReused, sign, sink);
        // VNeID authenticates an online submission; a flag on a dossier handed in at the desk is not a VNeID submission.
        if (online)
        {
            AddIf(s, DossierFlags.VneidAuthenticated, day, DossierMeasure.VneidAuthenticated, sign, sink);
        }
    }

    private static void AddIf(DossierState s, DossierFlags flag, int day, DossierMeasure measure, int sign, IDayDeltaSink sink)
    {
        if (s.Has(flag))
        {
            sink.Add(day, (int)measure, sign);
        }
    }

    /// <summary>
    /// A stretch [start, end) in which the dossier is being processed, with the last day valid in it
    /// at whose end it is still on time (null: no limit, never on time nor late). Up to the first
    /// resume it can be on time; from the second supplementation request on it is late whatever
    /// the date (766: more than one request counts as late).
    /// </summary>
    private static void EmitActiveSegment(int start, int? end, int? lastOnTime, int segment, int sign, IDayDeltaSink sink)
    {
        if (end is int e && e <= start)
        {
            return;
        }
        Interval(start, end, (int)DossierMeasure.ActiveDelta, sign, sink);
        if (lastOnTime is not int due)
        {
            Interval(start, end, (int)DossierMeasure.ActiveWithoutLimitDelta, sign, sink);
            return;
        }
        if (segment <= 1 && start <= due)
        {
            var onTimeEnd = end is int e1 ? Math.Min(e1, due + 1) : due + 1;
            Interval(start, onTimeEnd, (int)DossierMeasure.OnTimeActiveDelta, sign, sink);
        }
        var pastDueStart = Math.Max(start, due + 1);
        if (end is not int e2 || pastDueStart < e2)
        {
            Interval(pastDueStart, end, (int)DossierMeasure.PastDueDelta, sign, sink);
        }
    }

    private static void Interval(int start, int? end, int measure, int sign, IDayDeltaSink sink)
    {
        sink.Add(start, measure, sign);
        if (end is int e)
        {
            sink.Add(e, measure, -sign);
        }
    }
}
