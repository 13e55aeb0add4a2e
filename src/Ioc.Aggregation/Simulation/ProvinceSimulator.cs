using System.Collections.Concurrent;
using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// The demo province: a pure, deterministic generator of dossiers and hotline tickets in the
/// public ingest format. A day is a function of (seed, day) alone, so the history can be
/// regenerated piecemeal after a restart and tests can look at any day without the others.
/// </summary>
/// <remarks>
/// The only outside input besides the constructor's arguments is "today" from the time provider:
/// a share of the tickets of today and later is left untouched for the hotline staff.
/// </remarks>
public sealed partial class ProvinceSimulator
{
    /// <summary>Prefix of hotline ticket codes (tổng đài 1022).</summary>
    public const string TicketPrefix = "1022";

    // Half-hour slots of the one-stop desk from 7:30; the queue peaks mid-morning and mid-afternoon.
    private static readonly (int Start, double Weight)[] DeskSlots =
    [
        (450, 0.6), (480, 1.0), (510, 1.3), (540, 1.4), (570, 1.4), (600, 1.3), (630, 1.1), (660, 0.7),
        (810, 0.8), (840, 1.1), (870, 1.2), (900, 1.1), (930, 1.0), (960, 0.8), (990, 0.5),
    ];

    // Online submissions by hour: office hours, and again in the evening after work.
    private static readonly double[] OnlineHours =
        [0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.4, 0.8, 1.3, 1.5, 1.5, 1.2, 0.8, 0.9, 1.3, 1.4, 1.3, 1.0, 0.8, 0.9, 1.0, 0.9, 0.6, 0.3];

    // Calls and messages to the hotline by hour.
    private static readonly double[] TicketHours =
        [0.2, 0.1, 0.08, 0.06, 0.08, 0.2, 0.5, 1.0, 1.5, 1.6, 1.5, 1.2, 0.8, 0.9, 1.3, 1.4, 1.3, 1.1, 0.9, 1.0, 1.1, 0.9, 0.6, 0.35];

    // Year-end and pre-Tết paperwork; a quieter summer.
    private static readonly double[] MonthFactor = [1.05, 0.95, 1.0, 1.0, 1.0, 1.02, 0.97, 0.96, 1.0, 1.02, 1.04, 1.08];

    private static readonly DateOnly OnlineTrendStart = new(2025, 1, 1);

    private readonly ReferenceCatalog _catalog;
    private readonly WorkingCalendar _calendar;
    private readonly DemoTexts _texts;
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly OfficeClock _clock;
    private readonly ProvinceModel _model;
    private readonly WeightedTable<int> _deskSlots;
    private readonly WeightedTable<int> _onlineHours;
    private readonly WeightedTable<int> _ticketHours;
    private readonly WeightedTable<Domain.Tickets.TicketChannel> _ticketChannels;
    private readonly ConcurrentDictionary<int, (DateOnly Start, DateOnly End)?> _tet = new();

    public ProvinceSimulator(ReferenceCatalog catalog, WorkingCalendar calendar, DemoTexts texts, SimulatorOptions options, TimeProvider time)
    {
        _catalog = catalog;
        _calendar = calendar;
        _texts = texts;
        _options = options;
        _time = time;
        _clock = new OfficeClock(calendar);
        _model = new ProvinceModel(catalog, texts, options);
        _deskSlots = new WeightedTable<int>(DeskSlots.Select(s => (s.Start, s.Weight)));
        _onlineHours = new WeightedTable<int>(OnlineHours.Select((w, h) => (h, w)));
        _ticketHours = new WeightedTable<int>(TicketHours.Select((w, h) => (h, w)));
        _ticketChannels = new WeightedTable<Domain.Tickets.TicketChannel>(
        [
            (Domain.Tickets.TicketChannel.Phone, 45), (Domain.Tickets.TicketChannel.Zalo, 18), (Domain.Tickets.TicketChannel.App, 14),
            (Domain.Tickets.TicketChannel.Web, 10), (Domain.Tickets.TicketChannel.NationalPortal, 9), (Domain.Tickets.TicketChannel.Email, 4),
        ]);
    }

    public int Seed => _options.Seed;

    /// <summary>Communes whose citizens rarely apply online (picked by seed).</summary>
    public IReadOnlyList<Unit> LaggingCommunes => _model.LaggingCommunes;

    /// <summary>The department that finishes many dossiers late (picked by seed).</summary>
    public Unit OverdueDepartment => _model.OverdueDepartment;

    /// <summary>Every dossier, ticket and document that begins on the local day, with its whole lifecycle, in time order.</summary>
    public IReadOnlyList<IngestEvent> GenerateDay(DateOnly day)
    {
        var events = new List<IngestEvent>(_options.DossiersPerDay * 4 + _options.TicketsPerDay * 8);
        GenerateDossiers(day, events);
        GenerateTickets(day, events);
        GenerateDocuments(day, events);
        return SortByTime(events);
    }

    /// <summary>
    /// Extra arrivals within one minute (the live top-up), with their lifecycles. Deterministic from
    /// (seed, minute); codes and ids never collide with <see cref="GenerateDay"/>'s.
    /// </summary>
    public IReadOnlyList<IngestEvent> GenerateExtra(DateTimeOffset minuteStart, int dossiers, int tickets)
    {
        var minute = FloorToMinute(minuteStart);
        var events = new List<IngestEvent>((dossiers + tickets) * 6);
        for (var i = 0; i < Math.Min(dossiers, MaxExtrasPerMinute); i++)
        {
            ExtraDossier(minute, i, events);
        }
        for (var i = 0; i < Math.Min(tickets, MaxExtrasPerMinute); i++)
        {
            ExtraTicket(minute, i, events);
        }
        return SortByTime(events);
    }

    /// <summary>
    /// How many extra arrivals the minute needs so that the live feed keeps its minimum rates: the
    /// shortfall of the day's expected rate at that time of day, drawn from (seed, minute).
    /// </summary>
    public (int Dossiers, int Tickets) LiveTopUp(DateTimeOffset minuteStart)
    {
        var minute = FloorToMinute(minuteStart);
        var rng = SimRandom.Create(Seed, MinuteKey(minute), SimRandom.TopUpStream);
        var dossierShortfall = Math.Max(0, _options.MinimumLiveDossiersPerMinute - ExpectedDossiersPerMinute(minute));
        var ticketShortfall = Math.Max(0, _options.MinimumLiveTicketsPerHour - ExpectedTicketsPerHour(minute)) / 60;
        return (rng.Poisson(dossierShortfall), rng.Poisson(ticketShortfall));
    }

    /// <summary>
    /// The events of one extra arrival, found by its dossier or ticket code, so that a restarted
    /// feed can finish the lifecycles of top-up arrivals that are still open. Null when the code
    /// is not one of this simulator's extras.
    /// </summary>
    public IReadOnlyList<IngestEvent>? RegenerateExtra(string entityCode)
    {
        var parts = entityCode.Split('-');
        if (parts.Length < 3 || parts[^1].Length != 6 || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var suffix)
            || !DateOnly.TryParseExact(parts[^2], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        var (hour, minuteOfHour, index) = (suffix / 10_000, suffix / 100 % 100, suffix % 100);
        if (hour > 23 || minuteOfHour > 59)
        {
            return null;
        }
        var minute = ProvinceTime.StartOfDay(day) + new TimeSpan(hour, minuteOfHour, 0);
        var events = new List<IngestEvent>();
        var code = parts.Length == 3 && parts[0] == TicketPrefix ? ExtraTicket(minute, index, events) : ExtraDossier(minute, index, events);
        return code == entityCode ? SortByTime(events) : null;
    }

    /// <summary>Dossiers the model expects on the day (online and at the desk), before random variation.</summary>
    public (double InPerson, double Online) ExpectedDossiers(DateOnly day)
    {
        var (desk, online) = DayFactors(day);
        var onlineBase = _model.OnlineDemand.Total * OnlineTrend(day);
        return ((_model.TotalDemand - onlineBase) * desk, onlineBase * online);
    }

    public double ExpectedTickets(DateOnly day) => _options.TicketsPerDay * TicketDayFactor(day);

    private const int MaxExtrasPerMinute = 99;

    private double ExpectedDossiersPerMinute(DateTimeOffset minute)
    {
        var local = ProvinceTime.ToLocal(minute);
        var (desk, online) = ExpectedDossiers(DateOnly.FromDateTime(local.DateTime));
        var minuteOfDay = (int)local.TimeOfDay.TotalMinutes;
        var slot = DeskSlots.FirstOrDefault(s => minuteOfDay >= s.Start && minuteOfDay < s.Start + 30);
        var deskRate = slot.Weight / _deskSlots.Total / 30;
        var onlineRate = OnlineHours[local.Hour] / _onlineHours.Total / 60;
        return desk * deskRate + online * onlineRate;
    }

    private double ExpectedTicketsPerHour(DateTimeOffset minute)
    {
        var local = ProvinceTime.ToLocal(minute);
        return ExpectedTickets(DateOnly.FromDateTime(local.DateTime)) * TicketHours[local.Hour] / _ticketHours.Total;
    }

    /// <summary>Multipliers of desk and online arrivals against an ordinary weekday.</summary>
    private (double Desk, double Online) DayFactors(DateOnly day)
    {
        var month = MonthFactor[day.Month - 1];
        var tet = TetOf(day.Year);
        var inTet = tet is (DateOnly start, DateOnly end) && day >= start && day <= end;
        double desk, online;
        if (!_calendar.IsWorkingDay(day))
        {
            // Desks are closed; online submissions continue, fewer on weekends, fewest at Tết.
            desk = 0;
            online = inTet ? 0.15 : _calendar.IsDayOff(day) ? 0.25 : 0.3;
        }
        else
        {
            (desk, online) = day.DayOfWeek switch
            {
                DayOfWeek.Monday => (1.3, 1.15),
                DayOfWeek.Friday => (0.95, 0.95),
                DayOfWeek.Saturday => (0.9, 0.9), // a Saturday made a working day to bridge a holiday
                _ => (1.0, 1.0),
            };
        }
        if (tet is (DateOnly s, DateOnly e))
        {
            if (day < s && day >= s.AddDays(-7))
            {
                desk *= 0.85;
                online *= 0.85;
            }
            else if (day > e && day <= e.AddDays(7))
            {
                // Offices reopen slowly after Tết.
                desk *= 0.55 + 0.05 * (day.DayNumber - e.DayNumber);
                online *= 0.8;
            }
        }
        return (desk * month, online * month);
    }

    private double TicketDayFactor(DateOnly day)
    {
        var tet = TetOf(day.Year);
        if (tet is (DateOnly s, DateOnly e) && day >= s && day <= e)
        {
            return 0.35;
        }
        var factor = _calendar.IsWorkingDay(day)
            ? day.DayOfWeek switch { DayOfWeek.Monday => 1.15, DayOfWeek.Friday => 0.95, _ => 1.0 }
            : _calendar.IsDayOff(day) ? 0.6 : day.DayOfWeek == DayOfWeek.Sunday ? 0.6 : 0.7;
        return tet is (DateOnly _, DateOnly e2) && day > e2 && day <= e2.AddDays(7) ? factor * 0.8 : factor;
    }

    /// <summary>Citizens move online over the years; the demo shows a gently rising online rate.</summary>
    private static double OnlineTrend(DateOnly day) =>
        0.9 + 0.2 * Math.Clamp((day.DayNumber - OnlineTrendStart.DayNumber) / 730.0, 0, 1);

    /// <summary>
    /// The Tết holiday of a year: the longest run of five or more consecutive days off between
    /// mid-January and early March. The calendar knows days off, not their names.
    /// </summary>
    private (DateOnly Start, DateOnly End)? TetOf(int year) => _tet.GetOrAdd(year, y =>
    {
        (DateOnly Start, DateOnly End)? best = null;
        var from = new DateOnly(y, 1, 10);
        var to = new DateOnly(y, 3, 10);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (_calendar.IsWorkingDay(d))
            {
                continue;
            }
            var end = d;
            while (!_calendar.IsWorkingDay(end.AddDays(1)))
            {
                end = end.AddDays(1);
            }
            if (end.DayNumber - d.DayNumber + 1 >= 5 && (best is null || end.DayNumber - d.DayNumber > best.Value.End.DayNumber - best.Value.Start.DayNumber))
            {
                best = (d, end);
            }
            d = end;
        }
        return best;
    });

    private DateTimeOffset DeskArrival(DateOnly day, Random rng) =>
        ProvinceTime.StartOfDay(day) + TimeSpan.FromMinutes(_deskSlots.Pick(rng)) + TimeSpan.FromSeconds(rng.Next(30 * 60));

    private static DateTimeOffset HourlyArrival(DateOnly day, WeightedTable<int> hours, Random rng) =>
        ProvinceTime.StartOfDay(day) + TimeSpan.FromHours(hours.Pick(rng)) + TimeSpan.FromSeconds(rng.Next(3600));

    private bool IsLive(DateOnly day) => day >= ProvinceTime.LocalDate(_time.GetUtcNow());

    private static DateTimeOffset FloorToMinute(DateTimeOffset t)
    {
        var local = ProvinceTime.ToLocal(t);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, ProvinceTime.Offset);
    }

    private static long MinuteKey(DateTimeOffset minute) => minute.ToUnixTimeSeconds() / 60;

    private static string DayStamp(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string CodeDay(DateOnly day) => day.ToString("yyMMdd", CultureInfo.InvariantCulture);

    private static IReadOnlyList<IngestEvent> SortByTime(List<IngestEvent> events) =>
        [.. events.OrderBy(e => e.OccurredAt!.Value.UtcTicks)];

    /// <summary>Builds the events of one dossier or ticket with ids <c>{prefix}-{k}</c>.</summary>
    private sealed class EntityLog(List<IngestEvent> sink, string idPrefix, string? dossier, string? ticket)
    {
        private int _next;

        public IngestEvent Add(string type, DateTimeOffset at, string? actor)
        {
            var e = new IngestEvent
            {
                Id = $"{idPrefix}-{_next++}",
                Type = type,
                OccurredAt = ProvinceTime.ToLocal(at),
                Actor = actor,
                Dossier = dossier,
                Ticket = ticket,
            };
            sink.Add(e);
            return e;
        }
    }
}
