using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Tests.Consistency;

/// <summary>
/// Computes indicators straight from the definitions in DESIGN.md, by replaying each entity's raw
/// events up to the window's end and looking at every entity. Slow on purpose and independent of
/// rollups, difference arrays and SQL: it shares only the state machines, which have their own tests.
/// </summary>
internal sealed class BruteForceOracle
{
    private readonly ReferenceCatalog _catalog;
    private readonly WorkingCalendar _calendar;
    private readonly TicketWorkflow _workflow;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, List<DossierEvent>> _dossiers = [];
    private readonly Dictionary<string, List<TicketEvent>> _tickets = [];
    private readonly List<TicketEvent> _ticketOrder = [];

    public BruteForceOracle(ReferenceCatalog catalog, WorkingCalendar calendar, DateTimeOffset now, IEnumerable<(DossierEvent? Dossier, TicketEvent? Ticket)> acceptedInOrder)
    {
        _catalog = catalog;
        _calendar = calendar;
        _workflow = new TicketWorkflow(catalog, calendar);
        _now = now;
        foreach (var (d, t) in acceptedInOrder)
        {
            if (d is not null)
            {
                (_dossiers.TryGetValue(d.DossierCode, out var l) ? l : _dossiers[d.DossierCode] = []).Add(d);
            }
            if (t is not null)
            {
                (_tickets.TryGetValue(t.TicketCode, out var l) ? l : _tickets[t.TicketCode] = []).Add(t);
                _ticketOrder.Add(t);
            }
        }
    }

    private static DateOnly Day(DateTimeOffset t) => ProvinceTime.LocalDate(t);

    private DossierState? ReplayDossier(List<DossierEvent> events, DateOnly? until)
    {
        DossierState? s = null;
        foreach (var e in events)
        {
            if (until is DateOnly u && Day(e.OccurredAt) > u)
            {
                break;
            }
            s = DossierLifecycle.Apply(s, e, _catalog, _calendar).State ?? throw new InvalidOperationException("Accepted event does not replay: " + e);
        }
        return s;
    }

    public DossierKpis Dossiers(int unitId, DayRange range, int? procedureId = null)
    {
        long received = 0, eligible = 0, eligibleOnline = 0, full = 0, fullOnline = 0, fee = 0, paid = 0, digitized = 0;
        long finished = 0, onTime = 0, completed = 0, eresult = 0, withdrawn = 0, supplements = 0;
        long active = 0, onTimeActive = 0, pastDue = 0, paused = 0, withoutLimit = 0;
        long synced = 0, vneid = 0, population = 0, reused = 0, ecopy = 0, linked = 0, satisfactory = 0;
        foreach (var events in _dossiers.Values)
        {
            var final = ReplayDossier(events, null)!;
            if (!_catalog.Units.IsWithin(final.UnitId, unitId) || (procedureId is int p && final.ProcedureId != p))
            {
                continue;
            }
            bool In(DateTimeOffset t) => Day(t) >= range.From && Day(t) <= range.To;
            if (In(final.ReceivedAt))
            {
                received++;
                var online = final.Channel == DossierChannel.Online;
                if (final.OnlineLevel != OnlineLevel.None) { eligible++; if (online) { eligibleOnline++; } }
                if (final.OnlineLevel == OnlineLevel.Full) { full++; if (online) { fullOnline++; } }
                if (final.FeeBearing) { fee++; if (final.Has(DossierFlags.PaidOnline)) { paid++; } }
                if (final.Has(DossierFlags.Digitized)) { digitized++; }
                if (final.Has(DossierFlags.SyncedToNationalPortal)) { synced++; }
                if (online && final.Has(DossierFlags.VneidAuthenticated)) { vneid++; }
                if (final.Has(DossierFlags.PopulationData)) { population++; }
                if (final.Has(DossierFlags.DigitizedDataReused)) { reused++; }
            }
            supplements += final.Pauses.Count(x => In(x.PausedAt));
            if (final.FinishedAt is DateTimeOffset f && In(f))
            {
                if (final.Status is DossierStatus.Completed or DossierStatus.Returned)
                {
                    finished++;
                    if (final.FinishedOnTime == true) { onTime++; }
                    if (final.Due is null) { withoutLimit++; }
                    // 766 line 5.4: neither late nor rated unsatisfactory.
                    if (final.FinishedOnTime != false && !final.Has(DossierFlags.RatedDissatisfied)) { satisfactory++; }
                    if (final.Status == DossierStatus.Completed)
                    {
                        completed++;
                        if (final.Has(DossierFlags.ElectronicResult)) { eresult++; }
                        if (final.Has(DossierFlags.ElectronicCopy)) { ecopy++; }
                        if (final.Has(DossierFlags.LinkedToDataStore)) { linked++; }
                    }
                }
                else
                {
                    withdrawn++;
                }
            }
            // The state at the end of the window's last day, from the events up to that day.
            var atEnd = ReplayDossier(events, range.To);
            if (atEnd is null)
            {
                continue;
            }
            if (atEnd.Status is DossierStatus.Received or DossierStatus.InProcessing)
            {
                active++;
                // Judged at the window's end: a past day by day (on time through its due day, whatever the kind of
                // limit); a window that ends today by the clock, as the list, its countdown and the verdict judge it.
                if (atEnd.Due is not DossierDue due) { withoutLimit++; }
                else if (range.To >= ProvinceTime.LocalDate(_now) ? due.IsMetBy(_now) : due.Day >= range.To) { if (atEnd.Pauses.Count <= 1) { onTimeActive++; } }
                else { pastDue++; }
            }
            else if (atEnd.Status == DossierStatus.AwaitingSupplement)
            {
                paused++;
            }
        }
        return new DossierKpis(received, eligibleOnline, new Rate(eligibleOnline, eligible), new Rate(fullOnline, full),
            finished, onTime, completed, withdrawn, active, paused, pastDue,
            new Rate(onTime + onTimeActive, finished + active - withoutLimit), new Rate(paid, fee), new Rate(digitized, received),
            new Rate(eresult, completed), supplements,
            new Rate(synced, received), new Rate(vneid, eligibleOnline), new Rate(population, received), new Rate(reused, received),
            new Rate(ecopy, completed), new Rate(linked, completed), new Rate(satisfactory, finished));
    }

    private Dictionary<string, TicketState> ReplayTickets(DateOnly? until)
    {
        var states = new Dictionary<string, TicketState>();
        foreach (var e in _ticketOrder)
        {
            if (until is DateOnly u && Day(e.OccurredAt) > u)
            {
                continue;
            }
            var original = e.DuplicateOf is string d ? states.GetValueOrDefault(d) : null;
            states[e.TicketCode] = _workflow.Apply(states.GetValueOrDefault(e.TicketCode), e, original).State
                ?? throw new InvalidOperationException("Accepted event does not replay: " + e);
        }
        return states;
    }

    public HotlineKpis Hotline(int unitId, DayRange range, Func<TicketState, bool>? slice = null)
    {
        var finals = ReplayTickets(null);
        var atEnd = ReplayTickets(range.To);
        long received = 0, answered = 0, answeredOnTime = 0, rated = 0, satisfied = 0, open = 0, overdue = 0;
        var hours = new List<int>();
        foreach (var final in finals.Values)
        {
            var scope = final.UnitId ?? _catalog.Units.Root.Id;
            if (!_catalog.Units.IsWithin(scope, unitId) || (slice is not null && !slice(final)))
            {
                continue;
            }
            bool In(DateTimeOffset t) => Day(t) >= range.From && Day(t) <= range.To;
            if (In(final.CreatedAt)) { received++; }
            if (final.AnsweredAt is DateTimeOffset a && In(a))
            {
                answered++;
                if (final.AnsweredOnTime == true) { answeredOnTime++; }
                hours.Add(TicketMeasures.AnswerHoursBucket(a - final.CreatedAt));
            }
            if (final.RatedAt is DateTimeOffset r && In(r))
            {
                rated++;
                if (final.Satisfied == true) { satisfied++; }
            }
            if (atEnd.TryGetValue(final.Code, out var then) && then.IsOpen) { open++; }
            if (final.IsOverdueAt(_now)) { overdue++; }
        }
        hours.Sort();
        int? median = hours.Count == 0 ? null : hours[(hours.Count - 1) / 2];
        return new HotlineKpis(received, open, overdue, answered, new Rate(answeredOnTime, answered), new Rate(satisfied, rated), median);
    }
}
