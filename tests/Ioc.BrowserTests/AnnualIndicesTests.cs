using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>A leader opens the province's yearly indices, picks another index and follows a department to its own history.</summary>
public sealed class AnnualIndicesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ProvincePage_NationalRanksThenChildrenThenADepartmentsHistory()
    {
        await using var app = new IocAppFactory();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");

        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=indices");
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The demo province's published result (data/SOURCES.md): first of 63 on PAR INDEX 2023 with 92,18.
        var par2023 = page.Locator("[data-national='PAR'] [data-year='2023']");
        await Assertions.Expect(par2023.Locator("[data-national-rank]")).ToHaveTextAsync("1/63");
        await Assertions.Expect(par2023.Locator("[data-national-score]")).ToHaveTextAsync("92,18/100");

        // Clicking before the circuit answers does nothing: click until the DTI ranking shows.
        var dti = page.Locator("[data-children-ranking='DTI']");
        for (var attempt = 0; attempt < 3 && !await dti.IsVisibleAsync(); attempt++)
        {
            await page.Locator("[data-choose-index='DTI']").ClickAsync();
            try
            {
                await dti.WaitForAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
            }
        }
        await Assertions.Expect(dti.Locator("tr[data-child]").First.Locator("[data-rank]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1/\d+$"));

        await page.Locator("[data-choose-index='PAR']").ClickAsync();
        var justice = app.Catalog.Units.FindByCode("H49.03")!;
        await page.Locator($"[data-children-ranking='PAR'] tr[data-child='{justice.Code}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(justice.Name);
        var history = page.Locator("[data-index-history='PAR'] tr[data-year]");
        await Assertions.Expect(history).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(history.First.Locator("[data-rank]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+/15$"));
    }
}
