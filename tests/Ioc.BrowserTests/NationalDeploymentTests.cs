using Ioc.Aggregation.Access;
using Ioc.Domain.Access;
using Ioc.Testing;
using Ioc.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>
/// A national deployment (<c>national init --out DIR --demo</c>): the wall ranks the 34 provinces by their
/// official names, a national leader drills from the country into a province, a province head sees his
/// province against the country and cannot open another province.
/// </summary>
public sealed class NationalDeploymentTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Password = "Ha-Noi-mat-khau-1";
    private readonly TempFolder _folder = TestPaths.NewTempFolder();

    public void Dispose() => _folder.Dispose();

    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task Wall_RanksProvincesByTheirNames_ProvinceHeadSeesHisProvinceAgainstTheCountryOnly()
    {
        await using var app = new IocAppFactory().With("ReferenceData:Directory", NationalDeployment.Write(_folder));
        (await app.PostEventsAsync([.. NationalDeployment.Seed()])).EnsureSuccessStatusCode();
        var units = app.Catalog.Units;
        var (hanoi, hcm) = (units.FindByCode("P01")!, units.FindByCode("P79")!);

        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình quốc gia", "test");
        var wall = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);
        await wall.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        await wall.GotoAsync("/wall?scene=provinces-online");
        await WaitForLiveAsync(wall);
        await Assertions.Expect(wall.Locator(".wall-province")).ToHaveTextAsync("Việt Nam");
        var ranking = wall.Locator("[data-ranking=provinces-online]");
        await Assertions.Expect(ranking).ToHaveAttributeAsync("data-ranking-total", "34");
        // Hà Nội received both dossiers online, Hồ Chí Minh one of two; the other 32 have no data and no rank.
        var first = ranking.Locator("[data-rank='1']");
        await Assertions.Expect(first.Locator(".wall-rank-name")).ToHaveTextAsync("Thành phố Hà Nội");
        await Assertions.Expect(first.Locator("[data-rank-value]")).ToHaveTextAsync("100,0 %");
        var second = ranking.Locator("[data-rank='2']");
        await Assertions.Expect(second.Locator(".wall-rank-name")).ToHaveTextAsync("Thành phố Hồ Chí Minh");
        await Assertions.Expect(second.Locator("[data-rank-value]")).ToHaveTextAsync("50,0 %");

        // A national leader drills from the country's provinces into one.
        var leader = await browser.NewPageAsync(app.ServerAddress);
        await leader.SignInAsync("lanhdao");
        await leader.GotoAsync($"/units/{units.Root.Id}");
        await WaitForLiveAsync(leader);
        await Assertions.Expect(leader.Locator("[data-unit-name]")).ToHaveTextAsync("Việt Nam");
        await Assertions.Expect(leader.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("4");
        await leader.GotoAsync($"/units/{units.Root.Id}?tab=children");
        await WaitForLiveAsync(leader);
        await Assertions.Expect(leader.Locator("[data-table=children] .mud-table-pagination-caption").Last).ToContainTextAsync("34");
        await leader.Locator("input[data-filter=children]").FillAsync("Hồ Chí Minh");
        await leader.Locator("[data-table=children] [data-unit-link]", new() { HasText = "Ủy ban nhân dân thành phố Hồ Chí Minh" }).First.ClickAsync();
        await Assertions.Expect(leader.Locator("[data-unit-name]")).ToHaveTextAsync("Ủy ban nhân dân thành phố Hồ Chí Minh");
        await Assertions.Expect(leader.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("2");

        var output = new StringWriter();
        Assert.True(await UserCommands.RunAsync(["user-add", "chutich.hanoi", IocRoles.DepartmentHead, "--unit", hanoi.Code], app.Services, new StringReader(Password), output) == 0, output.ToString());
        var head = await browser.NewPageAsync(app.ServerAddress);
        await head.SignInAsync("chutich.hanoi", Password);
        await head.GotoAsync($"/units/{hanoi.Id}");
        await WaitForLiveAsync(head);
        await Assertions.Expect(head.Locator("[data-unit-name]")).ToHaveTextAsync("Ủy ban nhân dân thành phố Hà Nội");
        await Assertions.Expect(head.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("2");
        await Assertions.Expect(head.Locator("[data-indicator=received] [data-province]")).ToHaveTextAsync("Toàn quốc: 4");
        await head.GotoAsync($"/units/{hcm.Id}");
        await Assertions.Expect(head.Locator("[data-unit-name]")).ToHaveCountAsync(0);
        await head.GotoAsync("/dossiers/HCM-1");
        await Assertions.Expect(head.Locator("[data-dossier-code]")).ToHaveCountAsync(0);
        Assert.Empty(browser.ExternalRequests);
    }
}
