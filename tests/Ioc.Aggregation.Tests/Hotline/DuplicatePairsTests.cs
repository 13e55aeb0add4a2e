using System.Text.Json;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;
using Ioc.Testing;
using Xunit.Abstractions;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>
/// Duplicate detection measured on 350 labelled pairs of tickets in the demo province's real wards
/// and communes (DuplicatePairs/duplicate-pairs.json, written by DuplicatePairs/generate.py from
/// hand-written wordings): reworded repeats must be found, other matters at the same place and the
/// same matter elsewhere must not.
/// </summary>
public sealed class DuplicatePairsTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset At = new(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly Lazy<(IReadOnlyList<Pair> Pairs, IReadOnlyList<Unit> Communes)> Data = new(Load);

    [Fact]
    public void Matcher_LabelledPairs_FindsRewordedRepeatsWithFewFalseAlarms()
    {
        var (pairs, communes) = Data.Value;
        var matcher = Matcher(pairs, communes);
        var byKind = pairs.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Select(p => (Pair: p, Found: Found(matcher, p, communes))).ToList());
        var truePositives = pairs.Count(p => p.Duplicate && Found(matcher, p, communes));
        var flagged = pairs.Count(p => Found(matcher, p, communes));
        var duplicates = pairs.Count(p => p.Duplicate);
        var recall = (double)truePositives / duplicates;
        var precision = (double)truePositives / Math.Max(1, flagged);
        output.WriteLine($"{pairs.Count} pairs, {duplicates} duplicates: recall {recall:P1}, precision {precision:P1} ({flagged - truePositives} false alarms).");
        foreach (var (kind, results) in byKind.OrderBy(k => k.Key))
        {
            output.WriteLine($"  {kind}: {results.Count(r => r.Found)} of {results.Count} flagged");
        }
        foreach (var (pair, _) in byKind.SelectMany(k => k.Value).Where(r => r.Found != r.Pair.Duplicate).Take(12))
        {
            output.WriteLine($"  wrong {pair.Id}: {pair.A.Text} | {pair.B.Text}");
        }

        // How the two settings trade recall for precision, for whoever tunes them (appsettings: Hotline).
        foreach (var text in new[] { 0.2, 0.25, 0.3, 0.35, 0.4 })
        {
            var line = string.Join("  ", new[] { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75 }.Select(score =>
            {
                var m = Matcher(pairs, communes, new HotlineOptions { DuplicateTextSimilarity = text, DuplicateScore = score });
                var tp = pairs.Count(p => p.Duplicate && Found(m, p, communes));
                var all = pairs.Count(p => Found(m, p, communes));
                return $"score≥{score:0.00}: R {(double)tp / duplicates:P0} P {(double)tp / Math.Max(1, all):P0}";
            }));
            output.WriteLine($"  text≥{text:0.00}  {line}");
        }

        Assert.True(pairs.Count >= 300, $"{pairs.Count} pairs");
        Assert.True(recall >= 0.8, $"recall on reworded repeats {recall:P1}");
        Assert.True(precision >= 0.75, $"precision {precision:P1}");
    }

    [Fact]
    public void Matcher_RewordedRepeatWithoutCommuneOrCoordinates_FoundWithReasons()
    {
        var matcher = new DuplicateMatcher(new HotlineOptions(), _ => 1.0);
        var first = new DuplicateProbe("A", "Đường Lê Thánh Tông đoạn gần chợ Hạ Long 1 bị ngập sâu sau cơn mưa chiều nay, nước tràn vào nhà dân.", At)
        {
            Phone = "0912 345 678",
        };
        var repeat = new DuplicateProbe(null, "Nước ngập đường Lê Thánh Tông, chỗ cạnh chợ Hạ Long 1, người dân không đi lại được.", At.AddMinutes(1))
        {
            Phone = "+84912345678",
        };

        var candidate = matcher.Match(repeat, first, Ticket(first));

        Assert.NotNull(candidate);
        Assert.Contains(DuplicateReason.SamePhone, candidate.Reasons);
        Assert.Contains(DuplicateReason.SamePlace, candidate.Reasons);
        Assert.Contains(DuplicateReason.CloseInTime, candidate.Reasons);
        Assert.Contains("ngap", candidate.SharedWords);
        Assert.Equal("09xx xxx 678", candidate.Ticket.ReporterPhone);
    }

    [Fact]
    public void Matcher_OtherMatterAtTheSamePlaceAndMinute_IsNot()
    {
        var matcher = new DuplicateMatcher(new HotlineOptions(), _ => 1.0);
        var flood = new DuplicateProbe("A", "Đường Lê Thánh Tông đoạn gần chợ Hạ Long 1 bị ngập sâu sau cơn mưa, nước tràn vào nhà dân.", At);
        var rubbish = new DuplicateProbe(null, "Rác thải tồn đọng nhiều ngày tại chợ Hạ Long 1 trên đường Lê Thánh Tông, bốc mùi hôi thối.", At.AddMinutes(1));

        Assert.Null(matcher.Match(rubbish, flood, Ticket(flood)));
    }

    [Theory]
    [InlineData("0912345678", "+84 912 345 678")]
    [InlineData("0912.345.678", "84912345678")]
    public void PhoneKey_SameNumberWrittenDifferently_IsOne(string a, string b) =>
        Assert.Equal(DuplicateMatcher.PhoneKey(a), DuplicateMatcher.PhoneKey(b));

    private static bool Found(DuplicateMatcher matcher, Pair pair, IReadOnlyList<Unit> communes)
    {
        var a = Probe("A-" + pair.Id, pair.A, At, communes);
        var b = Probe(null, pair.B, At.AddMinutes(pair.MinutesApart), communes);
        return matcher.Match(b, a, Ticket(a)) is not null;
    }

    /// <summary>Words weighed by rarity over the set's own texts, as the finder weighs them by the trained model's.</summary>
    private static DuplicateMatcher Matcher(IReadOnlyList<Pair> pairs, IReadOnlyList<Unit> communes, HotlineOptions? options = null)
    {
        var texts = pairs.SelectMany(p => new[] { p.A.Text, p.B.Text }).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var f in DuplicateText.Features(DuplicateText.ContentWords(text)))
            {
                frequency[f] = frequency.GetValueOrDefault(f) + 1;
            }
        }
        return new DuplicateMatcher(options ?? new HotlineOptions(), f => Math.Log((texts.Count + 1.0) / (frequency.GetValueOrDefault(f) + 1.0)) + 1.0, new CommuneGuesser(communes));
    }

    private static DuplicateProbe Probe(string? code, Side side, DateTimeOffset at, IReadOnlyList<Unit> communes) => new(code, side.Text, at)
    {
        Address = side.Address,
        CommuneId = side.Commune is string name ? communes.Single(c => c.Name == name).Id : null,
        Phone = side.Phone,
    };

    private static TicketState Ticket(DuplicateProbe p) =>
        new(p.Code ?? "B", TicketChannel.Phone, null, p.Text, p.Address, p.CommuneId, null, null, "Nguyễn Văn An", p.Phone, false, TicketUrgency.Normal, null,
            p.CreatedAt, p.CreatedAt.AddDays(2), null, TicketStatus.New, null, TimeSpan.Zero, TimeSpan.Zero, null, null, null, null, null, null, null, null, p.CreatedAt);

    private static (IReadOnlyList<Pair>, IReadOnlyList<Unit>) Load()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var file = Path.Combine(TestPaths.RepositoryRoot, "tests", "Ioc.Aggregation.Tests", "Hotline", "DuplicatePairs", "duplicate-pairs.json");
        var pairs = JsonSerializer.Deserialize<PairFile>(File.ReadAllText(file), options)!.Pairs;
        using var units = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ReferenceData, "units.json")));
        var communes = units.RootElement.GetProperty("units").EnumerateArray()
            .Select((u, i) => (Unit: u, Index: i))
            .Where(x => x.Unit.GetProperty("kind").GetString() is "commune" or "ward" or "special-zone")
            .Select(x => new Unit(x.Index + 1, x.Unit.GetProperty("code").GetString()!, x.Unit.GetProperty("name").GetString()!, "",
                x.Unit.GetProperty("kind").GetString() switch { "ward" => UnitKind.Ward, "special-zone" => UnitKind.SpecialZone, _ => UnitKind.Commune }, 1))
            .ToList();
        return (pairs, communes);
    }

    private sealed record PairFile(List<Pair> Pairs);

    private sealed record Pair(string Id, string Kind, bool Duplicate, int MinutesApart, Side A, Side B);

    private sealed record Side(string Text, string? Address, string? Commune, string? Phone, string Channel);
}
