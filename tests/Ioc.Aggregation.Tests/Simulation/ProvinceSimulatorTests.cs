using System.Text.Json;
using System.Text.RegularExpressions;
using Ioc.Aggregation.Simulation;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Simulation;

public sealed partial class ProvinceSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly DateOnly Day = new(2026, 3, 17);

    [Fact]
    public void GenerateDay_SameSeedAndDay_IdenticalJson()
    {
        var first = fixture.Create(seed: 7);
        var second = fixture.Create(seed: 7);
        // The second simulator has generated other days first: a day depends on (seed, day) alone.
        second.GenerateDay(Day.AddDays(-1));
        second.GenerateDay(Day.AddDays(3));

        Assert.Equal(Json(first.GenerateDay(Day)), Json(second.GenerateDay(Day)));
        Assert.Equal(Json(first.GenerateExtra(At(Day, 2, 15), 3, 2)), Json(second.GenerateExtra(At(Day, 2, 15), 3, 2)));
    }

    [Fact]
    public void GenerateDay_DifferentSeed_DifferentEvents()
    {
        Assert.NotEqual(Json(fixture.Create(seed: 1).GenerateDay(Day)), Json(fixture.Create(seed: 2).GenerateDay(Day)));
    }

    [Fact]
    public void GenerateDay_OrdinaryDay_EventsSortedWithUniqueIdsAndLifecyclesInOrder()
    {
        var events = fixture.Create().GenerateDay(Day);

        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.OccurredAt <= p.Second.OccurredAt));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events.GroupBy(e => e.Dossier ?? e.Ticket ?? e.Document), g =>
            Assert.True(g.Zip(g.Skip(1)).All(p => p.First.OccurredAt < p.Second.OccurredAt), $"{g.Key} goes backwards"));
        var received = events.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        Assert.All(received, e => Assert.Equal(Day, ProvinceTime.LocalDate(e.OccurredAt!.Value)));
        Assert.InRange(received.Count, 700, 1_100);
        Assert.Matches(DossierCode(), received[0].Dossier);
    }

    [Fact]
    public void GenerateDay_Mondays_MoreDossiersThanWednesdays()
    {
        var simulator = fixture.Create();
        var days = SimulatorFixture.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 24))
            .Where(d => d.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday && fixture.Calendar.IsWorkingDay(d))
            .Select(d => (d.DayOfWeek, Received: simulator.GenerateDay(d).Count(e => e.Type == EventTypes.DossierReceived)))
            .ToList();

        var monday = days.Where(d => d.DayOfWeek == DayOfWeek.Monday).Average(d => d.Received);
        var wednesday = days.Where(d => d.DayOfWeek == DayOfWeek.Wednesday).Average(d => d.Received);
        Assert.True(monday > wednesday * 1.15, $"Monday {monday:F0} vs Wednesday {wednesday:F0}");
    }

    [Theory]
    [InlineData("2026-04-30")]
    [InlineData("2026-09-02")]
    [InlineData("2026-02-18")]
    public void GenerateDay_PublicHoliday_NoInPersonDossiersButSomeOnline(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var received = fixture.Create().GenerateDay(day).Where(e => e.Type == EventTypes.DossierReceived).ToList();

        Assert.DoesNotContain(received, e => e.Channel != "online");
        Assert.NotEmpty(received);
        Assert.True(received.Count < 250, $"{received.Count} online dossiers on a holiday");
    }

    [Fact]
    public void GenerateDay_LaggingCommunes_OnlineRateClearlyBelowProvince()
    {
        var simulator = fixture.Create();
        var lagging = simulator.LaggingCommunes.Select(u => u.Code).ToHashSet();
        var received = SimulatorFixture.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27))
            .SelectMany(simulator.GenerateDay)
            .Where(e => e.Type == EventTypes.DossierReceived && fixture.Catalog.FindProcedure(e.Procedure!)!.OnlineLevel != OnlineLevel.None)
            .ToList();
        static double OnlineRate(IEnumerable<IngestEvent> events) => events.Average(e => e.Channel == "online" ? 1.0 : 0.0);

        var laggingRate = OnlineRate(received.Where(e => lagging.Contains(e.Unit!)));
        var provinceRate = OnlineRate(received);
        Assert.Equal(LaggingCommuneCount, lagging.Count);
        Assert.True(laggingRate < provinceRate * 0.6, $"lagging {laggingRate:P1} vs province {provinceRate:P1}");
    }

    [Fact]
    public void GenerateDay_OverdueDepartment_LowerOnTimeRate()
    {
        var simulator = fixture.Create();
        var events = SimulatorFixture.Days(new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 10)).SelectMany(simulator.GenerateDay);
        var finished = fixture.ReplayDossiers(events).Values.Where(s => s.FinishedOnTime is not null).ToList();
        var department = simulator.OverdueDepartment.Id;
        static double OnTime(IEnumerable<DossierState> states) => states.Average(s => s.FinishedOnTime == true ? 1.0 : 0.0);

        var departmentRate = OnTime(finished.Where(s => s.UnitId == department));
        var provinceRate = OnTime(finished);
        Assert.True(finished.Count(s => s.UnitId == department) > 100);
        Assert.True(provinceRate > 0.9, $"province on time {provinceRate:P1}");
        Assert.True(departmentRate < provinceRate - 0.2, $"department {departmentRate:P1} vs province {provinceRate:P1}");
    }

    [Fact]
    public void GenerateDay_Duplicates_ReferenceEarlierTicketThatIsNotADuplicate()
    {
        var simulator = fixture.Create();
        var events = SimulatorFixture.Days(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)).SelectMany(simulator.GenerateDay).ToList();
        var created = events.Where(e => e.Type == EventTypes.TicketCreated).ToDictionary(e => e.Ticket!, e => e);
        var duplicates = events.Where(e => e.Type == EventTypes.TicketDuplicate).ToList();
        var markedDuplicate = duplicates.Select(e => e.Ticket!).ToHashSet();
        // The first two days may name originals of April, which this test did not generate.
        var checkable = duplicates.Where(e => ProvinceTime.LocalDate(created[e.Ticket!].OccurredAt!.Value) >= new DateOnly(2026, 5, 3)).ToList();

        Assert.InRange(duplicates.Count / (double)created.Count, 0.02, 0.08);
        Assert.All(checkable, d =>
        {
            Assert.True(created.TryGetValue(d.DuplicateOf!, out var original), $"{d.DuplicateOf} was never created");
            Assert.True(original.OccurredAt < created[d.Ticket!].OccurredAt);
            Assert.DoesNotContain(d.DuplicateOf!, markedDuplicate);
            Assert.Equal(original.Commune, created[d.Ticket!].Commune);
        });
    }

    [Fact]
    public void GenerateDay_Tickets_TextsHaveNoPlaceholdersAndRealisticShares()
    {
        var events = SimulatorFixture.Days(Day, Day.AddDays(13)).SelectMany(fixture.Create().GenerateDay).ToList();
        var created = events.Where(e => e.Type == EventTypes.TicketCreated).ToList();

        Assert.All(created, e => Assert.DoesNotMatch(Placeholder(), e.Text!));
        Assert.All(events.Where(e => e.Answer is not null), e => Assert.DoesNotMatch(Placeholder(), e.Answer!));
        Assert.InRange(created.Count(e => e.Channel == "phone") / (double)created.Count, 0.35, 0.55);
        Assert.InRange(created.Count(e => e.IsPublic == true) / (double)created.Count, 0.5, 0.7);
        Assert.InRange(created.Count(e => e.Category is null) / (double)created.Count, 0.3, 0.55);
        Assert.All(created, e => Assert.True(fixture.Catalog.Units.FindByCode(e.Commune!)!.IsLocal));
        Assert.All(events.Where(e => e.Type == EventTypes.TicketRouted), e => Assert.NotNull(fixture.Catalog.Units.FindByCode(e.Unit!)));
    }

    [Fact]
    public void DemoTexts_EveryTemplateAndPlace_ExpandsWithoutPlaceholders()
    {
        var rng = new Random(1);
        var communes = fixture.Catalog.Units.All.Where(u => u.IsLocal).ToList();
        foreach (var category in fixture.Texts.Categories)
        {
            foreach (var template in fixture.Texts.TemplatesOf(category))
            {
                var text = fixture.Texts.Expand(template, communes[rng.Next(communes.Count)], rng);
                Assert.DoesNotMatch(Placeholder(), text);
            }
        }
        foreach (var place in fixture.Texts.Places)
        {
            Assert.DoesNotMatch(Placeholder(), fixture.Texts.Expand("{place}", communes[0], rng));
            Assert.DoesNotMatch(Placeholder(), fixture.Texts.Expand(place, communes[0], rng));
        }
        Assert.All(communes, c => Assert.DoesNotMatch(Placeholder(), fixture.Texts.Address(c, rng)));
        Assert.Matches(@"^0\d{9}$", fixture.Texts.Phone(rng));
        Assert.Equal(3, fixture.Texts.Person(rng).FullName.Split(' ').Length);
    }

    [Fact]
    public void DemoTexts_Commune_NamedWithLowerCaseTypeWord()
    {
        var ward = fixture.Catalog.Units.All.First(u => u.Name == "Phường Hồng Gai");
        var commune = fixture.Catalog.Units.All.First(u => u.Name == "Xã Quảng Tân");
        var zone = fixture.Catalog.Units.All.First(u => u.Name == "Đặc khu Vân Đồn");

        Assert.Equal("phường Hồng Gai", DemoTexts.CommuneReference(ward));
        Assert.Equal("xã Quảng Tân", DemoTexts.CommuneReference(commune));
        Assert.Equal("đặc khu Vân Đồn", DemoTexts.CommuneReference(zone));
        Assert.Equal("Đề nghị phường Hồng Gai xử lý.", fixture.Texts.Expand("Đề nghị {commune} xử lý.", ward, new Random(1)));
    }

    [Fact]
    public void GenerateDay_Today_OperatorShareOfTicketsLeftNew()
    {
        var today = new DateOnly(2026, 3, 18);
        var live = fixture.Create(now: At(today, 0, 1)).GenerateDay(today);
        var history = fixture.Create().GenerateDay(today);
        static int Untouched(IEnumerable<IngestEvent> events) =>
            events.Where(e => e.Ticket is not null).GroupBy(e => e.Ticket).Count(g => g.Count() == 1);

        var tickets = live.Count(e => e.Type == EventTypes.TicketCreated);
        Assert.InRange(Untouched(live) / (double)tickets, 0.15, 0.45);
        Assert.Equal(0, Untouched(history));
        // Leaving tickets alone does not change the rest of the day.
        Assert.Equal(Json(history.Where(e => e.Dossier is not null)), Json(live.Where(e => e.Dossier is not null)));
    }

    [Fact]
    public void GenerateExtra_Minute_DistinctIdsAndRegeneratedByCode()
    {
        var simulator = fixture.Create();
        var minute = At(Day, 23, 41);
        var extra = simulator.GenerateExtra(minute, 4, 2);
        var day = simulator.GenerateDay(Day);

        Assert.Empty(extra.Select(e => e.Id).Intersect(day.Select(e => e.Id)));
        Assert.Empty(extra.Select(e => e.Dossier ?? e.Ticket).Intersect(day.Select(e => e.Dossier ?? e.Ticket)));
        var arrivals = extra.Where(e => e.Type is EventTypes.DossierReceived or EventTypes.TicketCreated).ToList();
        Assert.Equal(6, arrivals.Count);
        Assert.All(arrivals, e => Assert.InRange(e.OccurredAt!.Value, minute, minute.AddMinutes(1)));
        // At night only online submissions are possible.
        Assert.All(arrivals.Where(e => e.Dossier is not null), e => Assert.Equal("online", e.Channel));
        foreach (var code in arrivals.Select(e => e.Dossier ?? e.Ticket!))
        {
            Assert.Equal(Json(extra.Where(e => (e.Dossier ?? e.Ticket) == code)), Json(simulator.RegenerateExtra(code)!));
        }
        Assert.Null(simulator.RegenerateExtra(day.First(e => e.Dossier is not null).Dossier!));
    }

    [Fact]
    public void LiveTopUp_NightAndOfficeHours_KeepsMinimumRateAtNightOnly()
    {
        var simulator = fixture.Create();
        var night = Enumerable.Range(0, 120).Select(m => simulator.LiveTopUp(At(Day, 1, 0).AddMinutes(m))).ToList();
        var morning = Enumerable.Range(0, 120).Select(m => simulator.LiveTopUp(At(Day, 8, 30).AddMinutes(m))).ToList();

        Assert.InRange(night.Average(t => t.Dossiers), 0.7, 1.3);
        Assert.InRange(night.Sum(t => t.Tickets), 4, 16);
        Assert.Equal(0, morning.Sum(t => t.Dossiers));
    }

    private const int LaggingCommuneCount = 5;

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => ProvinceTime.StartOfDay(day).AddHours(hour).AddMinutes(minute);

    private static string Json(IEnumerable<IngestEvent> events) =>
        JsonSerializer.Serialize(new IngestBatch { Events = [.. events] }, IngestJsonContext.Default.IngestBatch);

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^H49\.[A-Z0-9]+-\d{6}-\d{4}$")]
    private static partial Regex DossierCode();
}
