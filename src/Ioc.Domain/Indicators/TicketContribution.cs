using Ioc.Domain.Tickets;
using Ioc.Domain.Time;

namespace Ioc.Domain.Indicators;

/// <summary>
/// What one ticket adds to the hotline rollups of its responsible unit, as a pure function of its
/// state. Rerouting moves the whole contribution to the new unit, because ingest subtracts the old
/// state's contribution and adds the new one's.
/// </summary>
public static class TicketContribution
{
    public static void Emit(TicketState s, int sign, ITicketDeltaSink sink)
    {
        var created = ProvinceTime.LocalDate(s.CreatedAt).DayNumber;
        sink.Add(created, (int)TicketMeasure.Received, sign);
        sink.Add(created, (int)TicketMeasure.OpenDelta, sign);
        if (s.ResolvedAt is DateTimeOffset resolved)
        {
            sink.Add(ProvinceTime.LocalDate(resolved).DayNumber, (int)TicketMeasure.OpenDelta, -sign);
        }
        if (s.AnsweredAt is DateTimeOffset answered)
        {
            var day = ProvinceTime.LocalDate(answered).DayNumber;
            sink.Add(day, (int)TicketMeasure.Answered, sign);
            if (s.AnsweredOnTime == true)
            {
                sink.Add(day, (int)TicketMeasure.AnsweredOnTime, sign);
            }
            sink.AddAnswerTime(day, TicketMeasures.AnswerHoursBucket(answered - s.CreatedAt), sign);
        }
        if (s.RatedAt is DateTimeOffset rated)
        {
            var day = ProvinceTime.LocalDate(rated).DayNumber;
            sink.Add(day, (int)TicketMeasure.Rated, sign);
            if (s.Satisfied == true)
            {
                sink.Add(day, (int)TicketMeasure.Satisfied, sign);
            }
        }
        if (s.Status == TicketStatus.Rejected)
        {
            sink.Add(ProvinceTime.LocalDate(s.ResolvedAt!.Value).DayNumber, (int)TicketMeasure.Rejected, sign);
        }
        else if (s.Status == TicketStatus.Duplicate)
        {
            sink.Add(ProvinceTime.LocalDate(s.ResolvedAt!.Value).DayNumber, (int)TicketMeasure.Duplicates, sign);
        }
    }
}
