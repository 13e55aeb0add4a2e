using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Ioc.Web.Features.Hotline;

namespace Ioc.Web.Tests.Hotline;

public sealed partial class HotlineTextTests
{
    private static readonly string FeatureFolder = Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web", "Features", "Hotline");

    /// <summary>
    /// The English files as written. Read from disk rather than through UiText: MSBuild takes
    /// "*.en.json" for culture-specific resources and puts them into en/Ioc.Web.resources.dll, where
    /// UiText (which reads the main assembly) does not look; see the report.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> English = Directory
        .EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web", "Localization"), "*.en.json")
        .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
        .GroupBy(kv => kv.Key)
        .ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>Every Vietnamese text of the hotline feature, as written in its sources.</summary>
    private static IEnumerable<string> VietnameseTexts()
    {
        foreach (var file in Directory.EnumerateFiles(FeatureFolder).Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in Keys().Matches(source))
            {
                yield return Regex.Unescape(m.Groups["key"].Value);
            }
        }
        foreach (var preset in TriageDialog.RejectPresetsVi)
        {
            yield return preset;
        }
        foreach (var shortcut in HotlineShortcuts.All)
        {
            yield return shortcut.What;
        }
    }

    [Fact]
    public void EveryText_HasAnEnglishEntry()
    {
        var texts = VietnameseTexts().Distinct().ToList();
        var missing = texts.Where(t => !English.ContainsKey(t)).ToList();

        Assert.True(texts.Count > 200, $"only {texts.Count} texts found: is the pattern still right?");
        Assert.True(missing.Count == 0, "Missing in hotline.en.json:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EnglishFiles_NoTextTranslatedTwoWays()
    {
        // UiText refuses to start when two feature files translate the same Vietnamese differently.
        var conflicts = Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web", "Localization"), "*.en.json")
            .SelectMany(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .GroupBy(kv => kv.Key)
            .Where(g => g.Select(kv => kv.Value).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToList();

        Assert.Empty(conflicts);
    }

    [Fact]
    public void EnglishFormats_KeepEveryPlaceholder()
    {
        var wrong = VietnameseTexts().Distinct()
            .Where(t => English.TryGetValue(t, out var en) && Placeholders(t) != Placeholders(en))
            .ToList();

        Assert.True(wrong.Count == 0, "Placeholders differ:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Refusal_IllegalTransition_NamesTicketStatusAndAction()
    {
        var message = HotlineText.Refusal(new TriageRefusal("1022-A", TriageAction.Route, "ticket.transition", "", TicketStatus.Answered));

        Assert.Equal("Phiếu 1022-A đang ở trạng thái “Đã trả lời” nên không thể chuyển xử lý.", message);
    }

    [Theory]
    [InlineData(9, 0, "hết ngày 08/12/2026")]
    [InlineData(9, 8, "09/12/2026 08:00")]
    public void Deadline_MidnightIsTheEndOfTheDayBefore(int day, int hour, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            Assert.Equal(expected, HotlineText.Deadline(new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(7))));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void DuplicateReasons_EveryReason_InWordsWithThePlaceAsWritten()
    {
        var ticket = HotlineFixtures.Ticket(text: "Nước ngập đường Lê Thánh Tông, chỗ cạnh chợ Hạ Long 1.");
        var candidate = new DuplicateCandidate(ticket, 0.62, 120, true, false)
        {
            Reasons = [DuplicateReason.SamePhone, DuplicateReason.SamePlace, DuplicateReason.SameCommune, DuplicateReason.SimilarWords, DuplicateReason.CloseInTime],
            SharedPlace = "le thanh tong",
            SharedWords = ["ngap", "cong"],
        };

        var text = HotlineText.DuplicateReasons(candidate, ticket.CreatedAt.AddMinutes(3));

        Assert.Contains("cùng số điện thoại", text, StringComparison.Ordinal);
        Assert.Contains("cùng địa điểm: Lê Thánh Tông", text, StringComparison.Ordinal);
        Assert.Contains("cùng xã/phường", text, StringComparison.Ordinal);
        Assert.Contains("(ngap, cong)", text, StringComparison.Ordinal);
        Assert.Contains("cách 3 phút", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, "30 phút")]
    [InlineData(5, "5 giờ")]
    [InlineData(5.25, "5 giờ 15 phút")]
    [InlineData(48, "2 ngày")]
    [InlineData(50, "2 ngày 2 giờ")]
    [InlineData(-3, "3 giờ")]
    public void Duration_Hours_InWords(double hours, string expected)
    {
        Assert.Equal(expected, HotlineText.Duration(TimeSpan.FromHours(hours)));
    }

    private static string Placeholders(string s) => string.Join(",", Placeholder().Matches(s).Select(m => m.Value).Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\b(?:T|F)(?:\[|\.Format\(|\()\s*""(?<key>(?:[^""\\]|\\.)+)""")]
    private static partial Regex Keys();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
