using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Simulation;

public sealed partial class ProvinceSimulator
{
    private const double UncategorizedShare = 0.4;
    private const double DuplicateShare = 0.05;
    private const double SpamShare = 0.03;
    private const double PublicShare = 0.6;
    private const double AwaitingInfoShare = 0.08;
    private const double RatedShare = 0.5;
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(2);

    /// <summary>
    /// What is decided about a ticket before its own lifecycle: enough to find duplicate candidates
    /// among the previous days' tickets without generating those days whole.
    /// </summary>
    private sealed record TicketHeader(
        string Code,
        int Number,
        DateTimeOffset CreatedAt,
        TicketChannel Channel,
        HotlineCategory Category,
        Unit Commune,
        bool WantsDuplicate,
        bool Spam,
        int TextSeed)
    {
        // A ticket that would itself be a duplicate, or spam, is never named as an original.
        public bool CanBeOriginal => !WantsDuplicate && !Spam;
    }

    private void GenerateTickets(DateOnly day, List<IngestEvent> events)
    {
        var headers = TicketHeaders(day);
        if (headers.Count == 0)
        {
            return;
        }
        var earlier = TicketHeaders(day.AddDays(-2)).Concat(TicketHeaders(day.AddDays(-1))).Where(h => h.CanBeOriginal).ToList();
        var live = IsLive(day);
        var stamp = DayStamp(day);
        foreach (var h in headers)
        {
            var rng = SimRandom.Create(Seed, day.DayNumber, SimRandom.TicketStream, h.Number);
            TicketHeader? original = null;
            if (h.WantsDuplicate)
            {
                var candidates = earlier.Concat(headers.Where(o => o.CanBeOriginal && o.CreatedAt < h.CreatedAt))
                    .Where(o => o.CreatedAt >= h.CreatedAt - DuplicateWindow)
                    .ToList();
                original = candidates.Count > 0 ? rng.Pick(candidates) : null;
            }
            WriteTicket(new EntityLog(events, $"sim-{Seed}-{stamp}-t{h.Number}", null, h.Code), h, original, live, rng);
        }
    }

    /// <summary>The day's tickets in order of creation; numbering follows that order.</summary>
    private List<TicketHeader> TicketHeaders(DateOnly day)
    {
        var rng = SimRandom.Create(Seed, day.DayNumber, SimRandom.TicketHeaderStream);
        var count = _model.Categories.Count == 0 || _model.Locals.Count == 0 ? 0 : rng.Poisson(ExpectedTickets(day));
        var categories = CategoriesOf(day);
        var drafts = new List<(DateTimeOffset At, TicketChannel Channel, HotlineCategory Category, Unit Commune, bool Duplicate, bool Spam, int TextSeed)>(count);
        for (var i = 0; i < count; i++)
        {
            var at = HourlyArrival(day, _ticketHours, rng);
            var channel = _ticketChannels.Pick(rng);
            var category = categories.Pick(rng);
            var commune = _model.TicketCommunes.Pick(rng);
            var kind = rng.NextDouble();
            drafts.Add((at, channel, category, commune, kind < DuplicateShare, kind >= DuplicateShare && kind < DuplicateShare + SpamShare, rng.Next()));
        }
        var code = CodeDay(day);
        return [.. drafts.OrderBy(d => d.At).Select((d, n) => new TicketHeader(
            $"{TicketPrefix}-{code}-{(n + 1).ToString("D4", CultureInfo.InvariantCulture)}", n, d.At, d.Channel, d.Category, d.Commune, d.Duplicate, d.Spam, d.TextSeed))];
    }

    private WeightedTable<HotlineCategory> CategoriesOf(DateOnly day) =>
        day.Month is >= 6 and <= 10 ? _model.RainySeasonCategories : _model.DrySeasonCategories;

    /// <returns>The ticket's code.</returns>
    private string ExtraTicket(DateTimeOffset minute, int index, List<IngestEvent> events)
    {
        var rng = SimRandom.Create(Seed, MinuteKey(minute), SimRandom.ExtraTicketStream, index);
        var at = minute + TimeSpan.FromSeconds(rng.Next(60));
        var day = ProvinceTime.LocalDate(at);
        var local = ProvinceTime.ToLocal(minute);
        var code = $"{TicketPrefix}-{CodeDay(day)}-{local.Hour:D2}{local.Minute:D2}{index:D2}";
        var header = new TicketHeader(code, index, at, _ticketChannels.Pick(rng), CategoriesOf(day).Pick(rng), _model.TicketCommunes.Pick(rng),
            WantsDuplicate: false, Spam: rng.Chance(SpamShare), TextSeed: rng.Next());
        WriteTicket(new EntityLog(events, $"sim-{Seed}-{local:yyyyMMddHHmm}-xt{index}", null, code), header, null, IsLive(day), rng);
        return code;
    }

    /// <summary>
    /// One ticket: created on its channel, then (unless left to the hotline staff) rejected as spam,
    /// merged into an earlier ticket, or triaged, routed to the responsible unit, accepted, answered
    /// (mostly within the SLA), published when public, rated and closed.
    /// </summary>
    private void WriteTicket(EntityLog log, TicketHeader h, TicketHeader? original, bool live, Random rng)
    {
        // A duplicate reports the same matter: the original's category, place and words.
        var category = original?.Category ?? h.Category;
        var commune = original?.Commune ?? h.Commune;
        var textRng = new Random(original?.TextSeed ?? h.TextSeed);
        var text = h.Spam
            ? _texts.SpamText(textRng)
            : (original is null ? "" : _texts.DuplicatePrefix(rng)) + _texts.TicketText(category.Code, category.Name, commune, textRng);
        var byHours = category.Sla.WorkingDays is null;

        var reporter = _texts.Person(rng);
        var created = log.Add(EventTypes.TicketCreated, h.CreatedAt, CreatorOf(h.Channel, rng));
        created.Channel = WireChannel(h.Channel);
        created.Text = text;
        created.Commune = commune.Code;
        if (rng.Chance(0.85))
        {
            created.Address = _texts.Address(commune, rng);
        }
        if (commune.Latitude is double lat && commune.Longitude is double lon)
        {
            created.Latitude = Math.Round(lat + rng.Between(-0.02, 0.02), 5);
            created.Longitude = Math.Round(lon + rng.Between(-0.025, 0.025), 5);
        }
        if (rng.Chance(0.92))
        {
            created.ReporterName = reporter.FullName;
        }
        if (h.Channel is TicketChannel.Phone or TicketChannel.Zalo or TicketChannel.App || rng.Chance(0.7))
        {
            created.ReporterPhone = _texts.Phone(rng);
        }
        created.IsPublic = rng.Chance(PublicShare);
        var urgencyRoll = rng.NextDouble();
        created.Urgency = byHours
            ? urgencyRoll < 0.6 ? "normal" : urgencyRoll < 0.88 ? "high" : "urgent"
            : urgencyRoll < 0.9 ? "normal" : urgencyRoll < 0.98 ? "high" : "urgent";
        var categorized = !h.Spam && original is null && !rng.Chance(UncategorizedShare);
        if (categorized)
        {
            created.Category = category.Code;
        }

        // Always drawn, so that whether the day is live does not shift the rest of the stream.
        var untouched = rng.NextDouble() < _options.OperatorShare;
        if (live && untouched)
        {
            return;
        }

        var cursorTime = h.CreatedAt;
        var cursor = _clock.Ceiling(h.CreatedAt);
        string Operator() => rng.Pick(_model.Operators);
        DateTimeOffset At(long officeMinute) => _clock.At(officeMinute, rng.Next(60));

        if (h.Spam || original is not null)
        {
            cursor += rng.Next(10, 240);
            var verdict = log.Add(h.Spam ? EventTypes.TicketRejected : EventTypes.TicketDuplicate, At(cursor), Operator());
            if (h.Spam)
            {
                verdict.Reason = _texts.RejectReason(rng);
            }
            else
            {
                verdict.DuplicateOf = original!.Code;
            }
            return;
        }

        var responsible = _model.ResponsibleFor(category, commune);
        var profile = _model.Profiles[responsible.Id];
        string Officer() => profile.Staff.Count > 0 ? rng.Pick(profile.Staff) : "canbo";
        var late = rng.Chance(byHours ? Math.Max(0.15, profile.TicketLateRate) : profile.TicketLateRate);

        // Urgent categories (hours, not days) are handled around the clock by the duty operator and the
        // unit on call; everything else waits for office hours.
        DateTimeOffset Next(int minMinutes, int maxMinutes)
        {
            if (byHours)
            {
                cursorTime += TimeSpan.FromMinutes(rng.Next(minMinutes, maxMinutes)) + TimeSpan.FromSeconds(rng.Next(60));
                return cursorTime;
            }
            cursor += rng.Next(minMinutes, maxMinutes);
            return At(cursor);
        }

        if (!categorized)
        {
            var triaged = log.Add(EventTypes.TicketTriaged, Next(byHours ? 3 : 10, byHours ? 30 : 180), Operator());
            triaged.Category = category.Code;
        }
        var routed = log.Add(EventTypes.TicketRouted, Next(2, byHours ? 20 : 60), Operator());
        routed.Unit = responsible.Code;
        var acceptedAt = Next(byHours ? 5 : 10, byHours ? 60 : 300);
        log.Add(EventTypes.TicketAccepted, acceptedAt, Officer());

        var pausedWorking = TimeSpan.Zero;
        if (!byHours && rng.Chance(AwaitingInfoShare))
        {
            cursor += rng.Next(30, OfficeClock.MinutesPerDay);
            var pausedAt = At(cursor);
            log.Add(EventTypes.TicketAwaitingInfo, pausedAt, Officer()).Reason = _texts.InfoRequest(rng);
            cursor = Math.Max(cursor + 1, _clock.StartOf(_calendar.AddWorkingDays(_clock.DayOf(cursor), rng.Next(1, 4))) + rng.Next(OfficeClock.MinutesPerDay));
            var resumedAt = At(cursor);
            log.Add(EventTypes.TicketInfoReceived, resumedAt, Officer());
            pausedWorking = _calendar.WorkingTimeBetween(pausedAt, resumedAt);
        }

        // The SLA as TicketWorkflow computes it, from creation, with the category's service level.
        DateTimeOffset answeredAt;
        if (byHours)
        {
            var due = h.CreatedAt + TimeSpan.FromHours(category.Sla.Hours ?? 24);
            var room = (due - cursorTime).TotalMinutes - 2;
            answeredAt = !late && room > 5
                ? cursorTime + TimeSpan.FromMinutes(5 + (room - 5) * Math.Pow(rng.NextDouble(), 1.3))
                : Max(cursorTime, due) + TimeSpan.FromMinutes(rng.Next(10, 48 * 60));
            cursor = _clock.Ceiling(answeredAt);
        }
        else
        {
            var due = _calendar.AddWorkingTime(h.CreatedAt, TimeSpan.FromDays(category.Sla.WorkingDays!.Value) + pausedWorking);
            // Two minutes short of the due instant's office minute, so that the seconds added stay before it.
            var lastOnTime = _clock.Ceiling(due) - 2;
            if (!late && lastOnTime > cursor + 1)
            {
                cursor += 1 + (long)((lastOnTime - cursor - 1) * Math.Pow(rng.NextDouble(), 1.3));
            }
            else
            {
                var daysLate = profile.MaxLateWorkingDays > 4 ? rng.Next(1, 16) : rng.Next(1, 5);
                cursor = Math.Max(cursor + 1, _clock.StartOf(_calendar.AddWorkingDays(ProvinceTime.LocalDate(due), daysLate)) + rng.Next(OfficeClock.MinutesPerDay));
            }
            answeredAt = At(cursor);
        }
        log.Add(EventTypes.TicketAnswered, answeredAt, Officer()).Answer = _texts.Answer(responsible, rng);

        if (created.IsPublic == true)
        {
            cursor += rng.Next(30, 2 * OfficeClock.MinutesPerDay);
            log.Add(EventTypes.TicketPublished, At(cursor), rng.Pick(_model.Editors));
        }
        if (rng.Chance(RatedShare))
        {
            // Citizens rate from the app or a call-back survey, at any hour; keep it in office time for order.
            cursor += rng.Next(10, 2 * OfficeClock.MinutesPerDay);
            log.Add(EventTypes.TicketRated, At(cursor), null).Satisfied = rng.Chance(late ? 0.55 : 0.82);
        }
        cursor += rng.Next(30, 4 * OfficeClock.MinutesPerDay);
        log.Add(EventTypes.TicketClosed, At(cursor), Operator());
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private string? CreatorOf(TicketChannel channel, Random rng) => channel switch
    {
        TicketChannel.Phone => rng.Pick(_model.Operators),
        TicketChannel.Zalo => "zalo.oa",
        TicketChannel.App => "app.quangninh",
        TicketChannel.Web => "web.1022",
        TicketChannel.Email => "email.1022",
        _ => "dvcqg",
    };

    private static string WireChannel(TicketChannel channel) => channel switch
    {
        TicketChannel.Phone => "phone",
        TicketChannel.App => "app",
        TicketChannel.Web => "web",
        TicketChannel.Zalo => "zalo",
        TicketChannel.Email => "email",
        _ => "portal",
    };
}
