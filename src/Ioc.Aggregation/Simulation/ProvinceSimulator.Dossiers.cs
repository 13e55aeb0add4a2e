using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;

namespace Ioc.Aggregation.Simulation;

public sealed partial class ProvinceSimulator
{
    private const double ProcessingShare = 0.7;
    private const double OnePauseShare = 0.08;
    private const double TwoPausesShare = 0.01;
    private const double NeverSupplementedShare = 0.12;
    // With the files returned for missing papers (~1 %), about 3 % of dossiers are returned.
    private const double ReturnedShare = 0.02;
    private const double WithdrawnShare = 0.01;
    private const double PostalShare = 0.03;
    // Đề án 06 and digitization marks: nearly every dossier reaches the national portal; about a third
    // of citizens rate the result; a certified electronic copy and the data-store link go with an electronic result.
    private const double SyncedShare = 0.97;
    private const double DossierRatedShare = 0.3;
    private const double ElectronicCopyShare = 0.15;
    private const double DataStoreShare = 0.8;

    private static readonly string[] OnlinePortals = ["dvc.quangninh", "dvc.quangninh", "dvcqg"];

    private void GenerateDossiers(DateOnly day, List<IngestEvent> events)
    {
        var rng = SimRandom.Create(Seed, day.DayNumber, SimRandom.DossierStream);
        var (deskExpected, onlineExpected) = ExpectedDossiers(day);
        var desk = _model.InPersonDemand.IsEmpty ? 0 : rng.Poisson(deskExpected);
        var online = _model.OnlineDemand.IsEmpty ? 0 : rng.Poisson(onlineExpected);
        var arrivals = new List<(Demand Demand, DossierChannel Channel, DateTimeOffset At)>(desk + online);
        for (var i = 0; i < desk; i++)
        {
            var demand = _model.InPersonDemand.Pick(rng);
            arrivals.Add((demand, rng.Chance(PostalShare) ? DossierChannel.Postal : DossierChannel.InPerson, DeskArrival(day, rng)));
        }
        for (var i = 0; i < online; i++)
        {
            arrivals.Add((_model.OnlineDemand.Pick(rng), DossierChannel.Online, HourlyArrival(day, _onlineHours, rng)));
        }

        // Receipt numbers run per unit and day in the order of receipt, as at a real desk.
        var ordered = arrivals.OrderBy(a => a.At).ToList();
        var sequence = new Dictionary<int, int>();
        var stamp = DayStamp(day);
        for (var n = 0; n < ordered.Count; n++)
        {
            var (demand, channel, at) = ordered[n];
            var unit = demand.Unit.Unit;
            var seq = sequence[unit.Id] = sequence.GetValueOrDefault(unit.Id) + 1;
            var code = $"{unit.Code}-{CodeDay(day)}-{seq.ToString("D4", CultureInfo.InvariantCulture)}";
            WriteDossier(new EntityLog(events, $"sim-{Seed}-{stamp}-d{n}", code, null), code, demand, channel, at, rng);
        }
    }

    /// <returns>The dossier's code.</returns>
    private string ExtraDossier(DateTimeOffset minute, int index, List<IngestEvent> events)
    {
        var rng = SimRandom.Create(Seed, MinuteKey(minute), SimRandom.ExtraDossierStream, index);
        var at = minute + TimeSpan.FromSeconds(rng.Next(60));
        var day = ProvinceTime.LocalDate(at);
        // Outside desk hours only online submissions are possible.
        var (deskExpected, onlineExpected) = ExpectedDossiers(day);
        var atDesk = _clock.IsOfficeTime(at) && !_model.InPersonDemand.IsEmpty && rng.Chance(deskExpected / Math.Max(1e-9, deskExpected + onlineExpected));
        var demand = atDesk ? _model.InPersonDemand.Pick(rng) : _model.OnlineDemand.Pick(rng);
        var channel = !atDesk ? DossierChannel.Online : rng.Chance(PostalShare) ? DossierChannel.Postal : DossierChannel.InPerson;
        var local = ProvinceTime.ToLocal(minute);
        var code = $"{demand.Unit.Unit.Code}-{CodeDay(day)}-{local.Hour:D2}{local.Minute:D2}{index:D2}";
        var idPrefix = $"sim-{Seed}-{local:yyyyMMddHHmm}-xd{index}";
        WriteDossier(new EntityLog(events, idPrefix, code, null), code, demand, channel, at, rng);
        return code;
    }

    /// <summary>
    /// One dossier from receipt to its end: processing, supplementation requests that stop the
    /// clock, then completion (mostly before the due date, computed as ingest does), return or
    /// withdrawal. Staff act in office hours only; office minutes strictly increase, so the
    /// dossier's events never go backwards.
    /// </summary>
    private void WriteDossier(EntityLog log, string code, Demand demand, DossierChannel channel, DateTimeOffset receivedAt, Random rng)
    {
        // The digital-service marks draw from a stream of their own, keyed by the dossier, so that they
        // leave every other draw of the demo (and the figures tests pin) where it was.
        var digital = SimRandom.Create(Seed, SimRandom.StableHash(code), SimRandom.DigitalServiceStream);
        var unit = demand.Unit;
        var procedure = demand.Procedure;
        var isOnline = channel == DossierChannel.Online;
        string Clerk() => unit.Staff.Count > 0 ? rng.Pick(unit.Staff) : "motcua";

        var received = log.Add(EventTypes.DossierReceived, receivedAt, isOnline ? rng.Pick(OnlinePortals) : Clerk());
        received.Unit = unit.Unit.Code;
        received.Procedure = procedure.Code;
        received.Channel = channel switch
        {
            DossierChannel.Online => "online",
            DossierChannel.Postal => "postal",
            _ => "in-person",
        };
        if (rng.Chance(unit.DigitizedRate))
        {
            received.Digitized = true;
        }
        if (isOnline && procedure.FeeBearing && rng.Chance(unit.PaidOnlineRate))
        {
            received.PaidOnline = true;
        }
        received.SyncedToNationalPortal = digital.Chance(SyncedShare) ? true : null;
        received.VneidAuthenticated = isOnline && digital.Chance(unit.VneidRate) ? true : null;
        received.PopulationData = digital.Chance(unit.PopulationDataRate) ? true : null;
        received.DigitizedDataReused = digital.Chance(unit.DataReuseRate) ? true : null;
        var rated = digital.Chance(DossierRatedShare);
        var ratingRoll = digital.NextDouble();
        var electronicCopy = digital.Chance(ElectronicCopyShare);
        var linked = digital.Chance(DataStoreShare);

        // Draw every decision up front, so that one dossier consumes a predictable part of the stream.
        var pauseRoll = rng.NextDouble();
        var pauses = pauseRoll < TwoPausesShare ? 2 : pauseRoll < TwoPausesShare + OnePauseShare ? 1 : 0;
        var outcomeRoll = rng.NextDouble();
        var late = rng.Chance(unit.LateRate);
        var electronic = rng.Chance(channel switch
        {
            DossierChannel.Online => procedure.OnlineLevel == OnlineLevel.Full ? 0.9 : 0.6,
            DossierChannel.Postal => 0.1,
            _ => 0.2,
        });

        var rule = new DueDateRule(_calendar);
        var waits = new List<(DateTimeOffset, DateTimeOffset)>();
        var due = rule.Due(procedure.Limit, receivedAt, waits);
        var workMinutes = WorkMinutes(procedure.Limit);
        var cursor = _clock.Ceiling(receivedAt);
        DateTimeOffset At(long officeMinute) => _clock.At(officeMinute, rng.Next(60));

        if (rng.Chance(ProcessingShare))
        {
            cursor += rng.Next(5, 120);
            log.Add(EventTypes.DossierProcessing, At(cursor), Clerk());
        }

        for (var p = 0; p < pauses; p++)
        {
            // The officer asks for missing papers while studying the file, in the first half of the time.
            cursor += 1 + rng.Next(Math.Max(30, workMinutes / 2));
            var pausedAt = At(cursor);
            log.Add(EventTypes.DossierPaused, pausedAt, Clerk());
            if (rng.Chance(NeverSupplementedShare))
            {
                // The citizen never brings the papers: the desk returns the file weeks later.
                var giveUpDay = _calendar.AddWorkingDays(_clock.DayOf(cursor), rng.Next(10, 26));
                cursor = Math.Max(cursor + 1, _clock.StartOf(giveUpDay) + rng.Next(OfficeClock.MinutesPerDay));
                log.Add(EventTypes.DossierReturned, At(cursor), Clerk());
                return;
            }
            var resumeDay = _calendar.AddWorkingDays(_clock.DayOf(cursor), rng.Next(1, 9));
            cursor = Math.Max(cursor + 1, _clock.StartOf(resumeDay) + rng.Next(OfficeClock.MinutesPerDay));
            var resumedAt = At(cursor);
            log.Add(EventTypes.DossierResumed, resumedAt, Clerk());
            // As DossierLifecycle does: the due date moves by the time spent waiting.
            waits.Add((pausedAt, resumedAt));
            due = rule.Due(procedure.Limit, receivedAt, waits);
        }

        if (outcomeRoll < WithdrawnShare)
        {
            cursor += 1 + rng.Next(30, 3 * OfficeClock.MinutesPerDay);
            log.Add(EventTypes.DossierWithdrawn, At(cursor), Clerk());
            return;
        }
        if (outcomeRoll < WithdrawnShare + ReturnedShare)
        {
            cursor += 1 + rng.Next(30, Math.Max(31, Math.Min(workMinutes, 5 * OfficeClock.MinutesPerDay)));
            log.Add(EventTypes.DossierReturned, At(cursor), Clerk());
            return;
        }

        long finish;
        if (due is not DossierDue d)
        {
            // No limit: the desk takes about as long as its usual workload allows.
            finish = cursor + 1 + rng.Next(workMinutes);
        }
        else if (LastOnTimeMinute(d) is var lastOnTime && !late && lastOnTime > cursor)
        {
            // Most files are done well before the due date (trước hạn): the power skews them early.
            finish = cursor + 1 + (long)((lastOnTime - cursor - 1) * Math.Pow(rng.NextDouble(), 1.6));
        }
        else
        {
            var daysLate = unit.MaxLateWorkingDays > 4
                ? rng.Next(2, unit.MaxLateWorkingDays + 1)
                : 1 + Math.Min(unit.MaxLateWorkingDays - 1, (int)(-Math.Log(1 - rng.NextDouble()) * 1.2));
            finish = Math.Max(cursor + 1, _clock.StartOf(_calendar.AddWorkingDays(d.Day, daysLate)) + rng.Next(OfficeClock.MinutesPerDay));
        }
        var completed = log.Add(EventTypes.DossierCompleted, At(finish), Clerk());
        if (electronic)
        {
            completed.ElectronicResult = true;
            completed.ElectronicCopy = electronicCopy ? true : null;
            completed.LinkedToDataStore = linked ? true : null;
        }
        if (rated)
        {
            // Late dossiers (or twice supplemented ones) draw far more displeasure than the rest.
            completed.Rating = ratingRoll < (late || pauses > 1 ? 0.35 : 0.03) ? "dissatisfied" : "satisfied";
        }
    }

    /// <summary>Office minutes a desk needs for a file, from the procedure's limit (none: a typical week).</summary>
    private static int WorkMinutes(TimeLimit limit) => limit.Kind switch
    {
        TimeLimitKind.WorkingDays => limit.Amount!.Value * OfficeClock.MinutesPerDay,
        TimeLimitKind.CalendarDays => Math.Max(1, limit.Amount!.Value * 5 / 7) * OfficeClock.MinutesPerDay,
        TimeLimitKind.Hours => limit.Amount!.Value * 60,
        TimeLimitKind.WithinDay => OfficeClock.MinutesPerDay / 2,
        _ => 5 * OfficeClock.MinutesPerDay,
    };

    /// <summary>The last office minute that is still on time.</summary>
    private long LastOnTimeMinute(DossierDue due) => due.IsWholeDay ? _clock.EndOf(due.Day) : _clock.Ceiling(due.Deadline) - 1;
}
