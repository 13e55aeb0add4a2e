using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;

namespace Ioc.Domain.Documents;

/// <summary>
/// What one document adds to its unit's daily rollups, as a pure function of its state; ingest
/// subtracts the state before and adds the state after, a rebuild adds final states (see <see cref="DossierContribution"/>).
/// </summary>
public static class DocumentContribution
{
    public static void Emit(DocumentState s, int sign, IDayDeltaSink sink)
    {
        var registered = ProvinceTime.LocalDate(s.RegisteredAt).DayNumber;
        sink.Add(registered, (int)(s.Direction == DocumentDirection.Incoming ? DocumentMeasure.Received : DocumentMeasure.Issued), sign);
        if (s.Electronic)
        {
            sink.Add(registered, (int)DocumentMeasure.Electronic, sign);
        }
        if (s.InterConnected)
        {
            sink.Add(registered, (int)DocumentMeasure.InterConnected, sign);
        }
        if (s.Direction == DocumentDirection.Outgoing)
        {
            if (s.DigitallySigned)
            {
                sink.Add(registered, (int)DocumentMeasure.IssuedSigned, sign);
            }
            return;
        }

        int? processed = s.ProcessedAt is DateTimeOffset p ? ProvinceTime.LocalDate(p).DayNumber : null;
        Interval(registered, processed, DocumentMeasure.OpenDelta, sign, sink);
        if (s.DueAt is DateTimeOffset due && s.DueSetAt is DateTimeOffset dueSet)
        {
            // Overdue from the day after the due day (as dossiers' day-level figures), but never before the due date was known.
            var pastDue = Math.Max(ProvinceTime.LocalDate(due).DayNumber + 1, ProvinceTime.LocalDate(dueSet).DayNumber);
            if (processed is not int end || pastDue < end)
            {
                Interval(pastDue, processed, DocumentMeasure.PastDueDelta, sign, sink);
            }
        }
        if (processed is int day)
        {
            sink.Add(day, (int)DocumentMeasure.Processed, sign);
            sink.Add(day, (int)DocumentMeasure.HandlingMinutes, (int)(sign * s.HandlingMinutes!.Value));
            if (s.ProcessedOnTime is bool onTime)
            {
                sink.Add(day, (int)DocumentMeasure.ProcessedWithDue, sign);
                if (onTime)
                {
                    sink.Add(day, (int)DocumentMeasure.ProcessedOnTime, sign);
                }
            }
        }
    }

    /// <summary>Indicators from summed columns: flows over the window, deltas up to its end.</summary>
    public static DocumentKpis Kpis(ReadOnlySpan<long> flows, ReadOnlySpan<long> atEnd)
    {
        var f = flows;
        var registered = f[(int)DocumentMeasure.Received] + f[(int)DocumentMeasure.Issued];
        return new DocumentKpis(
            Received: f[(int)DocumentMeasure.Received],
            Issued: f[(int)DocumentMeasure.Issued],
            Processed: f[(int)DocumentMeasure.Processed],
            OnTimeRate: new Rate(f[(int)DocumentMeasure.ProcessedOnTime], f[(int)DocumentMeasure.ProcessedWithDue]),
            Open: atEnd[(int)DocumentMeasure.OpenDelta],
            Overdue: atEnd[(int)DocumentMeasure.PastDueDelta],
            ElectronicRate: new Rate(f[(int)DocumentMeasure.Electronic], registered),
            InterConnectedRate: new Rate(f[(int)DocumentMeasure.InterConnected], registered),
            SignedRate: new Rate(f[(int)DocumentMeasure.IssuedSigned], f[(int)DocumentMeasure.Issued]),
            HandlingMinutes: f[(int)DocumentMeasure.HandlingMinutes]);
    }

    private static void Interval(int start, int? end, DocumentMeasure measure, int sign, IDayDeltaSink sink)
    {
        if (end is int e && e <= start)
        {
            return;
        }
        sink.Add(start, (int)measure, sign);
        if (end is int e2)
        {
            sink.Add(e2, (int)measure, -sign);
        }
    }
}
