using System.Text.RegularExpressions;
using Ioc.Testing;
using Ioc.Web.Localization;

namespace Ioc.Web.Tests;

/// <summary>English must be available for every UI text: each literal passed to T[…] or T.Format(…) has a translation.</summary>
public sealed partial class LocalizationTests
{
    [GeneratedRegex("""\bT(?:\[|\.Format\()\s*"((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex UiTextLiteral();

    [Fact]
    public void EveryUiText_HasAnEnglishTranslation()
    {
        var web = Path.Combine(TestPaths.RepositoryRoot, "src", "Ioc.Web");
        var literals = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => UiTextLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: Regex.Unescape(m.Groups[1].Value))))
            .ToList();
        Assert.NotEmpty(literals);

        var missing = literals.Where(l => !UiText.EnglishEntries.ContainsKey(l.Text)).Select(l => $"{l.File}: {l.Text}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join('\n', missing));
    }
}

/// <summary>Texts that reach T[…] through variables: column headers, indicators, tiles, scenes, statuses, the score card.</summary>
public sealed class DynamicTextLocalizationTests
{
    public static TheoryData<string> DynamicTexts()
    {
        var texts = new List<string>();
        texts.AddRange(Ioc.Web.Features.Units.WindowSelection.Choices.Select(c => c.Label));
        texts.AddRange(Ioc.Web.Features.Units.UnitIndicator.Rates.Concat(Ioc.Web.Features.Units.UnitIndicator.Counts).Select(i => i.Label));
        texts.AddRange(Ioc.Web.Features.Units.UnitTables.ChildColumns.Select(c => c.Header));
        texts.AddRange(Ioc.Web.Features.Units.UnitTables.ProcedureColumns.Select(c => c.Header));
        texts.AddRange(Ioc.Web.Features.Units.UnitTables.DossierColumns.Select(c => c.Header));
        texts.AddRange(Enum.GetValues<Ioc.Domain.Dossiers.DossierStatus>().Select(Ioc.Web.Features.Units.UnitTables.StatusName));
        texts.AddRange(Enum.GetValues<Ioc.Domain.Dossiers.DossierChannel>().Select(Ioc.Web.Features.Units.UnitTables.ChannelName));
        texts.AddRange(Ioc.Web.Features.Wall.WallTiles.All.Values.SelectMany(t => new[] { t.Label, t.Period }));
        texts.AddRange(Ioc.Web.Features.Wall.WallOptions.DefaultScenes().Select(s => s.Title));
        texts.AddRange(Ioc.Web.Features.Wall.WallOptions.NationalScenes().Select(s => s.Title));
        // The root's words of a national deployment (RootWording), beside the province's that the pages name literally.
        texts.AddRange(["Toàn quốc", "Toàn quốc: {0}"]);
        texts.AddRange(Ioc.Domain.Access.IocRoles.People.Select(Ioc.Domain.Access.IocRoles.DisplayName));
        texts.AddRange(Ioc.Domain.Indices.AnnualIndex.All.SelectMany(i => i.Levels.Prepend(i.Name)));
        var card = Ioc.Data.Reference.ReferenceFiles.ReadScoreCard(TestPaths.ReferenceData);
        texts.AddRange(card.Lines.SelectMany(l => new[] { l.Group, l.Name }));
        var data = new TheoryData<string>();
        foreach (var t in texts.Distinct())
        {
            data.Add(t);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DynamicTexts))]
    public void DynamicText_HasAnEnglishTranslation(string vietnamese) =>
        Assert.True(UiText.EnglishEntries.ContainsKey(vietnamese), $"No English for '{vietnamese}'.");
}
