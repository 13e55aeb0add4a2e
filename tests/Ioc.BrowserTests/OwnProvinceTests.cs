using System.Text;
using Ioc.Aggregation.Reference;
using Ioc.Data.Reference;
using Ioc.Domain.Access;
using Ioc.Testing;
using Ioc.Web.Features.Account;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>
/// A province other than the demo, brought in as the README's "Your own province" says: Nghệ An from
/// the national list (130 xã and phường), one real procedure, accounts made with user-add.
/// </summary>
public sealed class OwnProvinceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Password = "Nghe-An-mat-khau-1";
    private readonly TempFolder _folder = TestPaths.NewTempFolder();

    public void Dispose() => _folder.Dispose();

    private string NgheAn()
    {
        var dir = Path.Combine(_folder.Path, "nghe-an");
        ProvinceInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), "40", dir, TestPaths.ReferenceData);
        // "Thủ tục đăng ký giám hộ" (Hộ tịch, cấp xã, 3 ngày làm việc) from the national database sample.
        var csv = Path.Combine(_folder.Path, "thu-tuc.csv");
        File.WriteAllText(csv, "code,name,field,handledBy,limitKind,limitAmount,onlineLevel,fee\n1.004837,Thủ tục đăng ký giám hộ,Hộ tịch,commune,Ngày làm việc,3,partial,false\n", new UTF8Encoding(true));
        Assert.Equal(1, ProcedureImport.Apply(dir, ProcedureImport.Read(csv)).Written);
        Assert.Empty(ReferenceValidator.Validate(dir));
        return dir;
    }

    private static async Task AddUserAsync(IocAppFactory app, string userName, string role, string? unit = null)
    {
        string[] args = unit is null ? ["user-add", userName, role] : ["user-add", userName, role, "--unit", unit];
        var output = new StringWriter();
        Assert.True(await UserCommands.RunAsync(args, app.Services, new StringReader(Password), output) == 0, output.ToString());
    }

    private static Task WaitForLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

    [Fact]
    public async Task NgheAn_130Communes_LeaderFindsEveryCommuneAndDrillsIntoOne_CommuneHeadSeesOnlyHis()
    {
        await using var app = new IocAppFactory().With("ReferenceData:Directory", NgheAn());
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(130, communes.Count);
        var (first, last) = (communes[0], communes[^1]);
        await AddUserAsync(app, "lanhdao.nghean", IocRoles.Leader);
        await AddUserAsync(app, "xa.cuoi", IocRoles.DepartmentHead, last.Code);
        var at = IngestHarness.DefaultNow.AddHours(-2);
        var response = await app.PostEventsAsync(
            Events.DossierReceived("NA-1", first.Code, "1.004837", at),
            Events.DossierReceived("NA-2", first.Code, "1.004837", at),
            Events.DossierReceived("NA-3", first.Code, "1.004837", at),
            Events.DossierReceived("NA-4", last.Code, "1.004837", at));
        response.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(app.ServerAddress);
        // Outside the demo province no demo account exists.
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "lanhdao");
        await page.FillAsync("#password", IocAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

        await page.SignInAsync("lanhdao.nghean", Password);
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}");
        await WaitForLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync("Ủy ban nhân dân tỉnh Nghệ An");
        await Assertions.Expect(page.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("4");
        await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}?tab=children");
        await WaitForLiveAsync(page);
        // 130 communes and the 13 bodies of province init, paged; the filter finds any commune by name.
        await Assertions.Expect(page.Locator("[data-table=children] .mud-table-pagination-caption").Last).ToContainTextAsync("143");
        var filter = page.Locator("input[data-filter=children]");
        foreach (var commune in new[] { last, communes[64], first })
        {
            await filter.FillAsync(commune.Name);
            await Assertions.Expect(page.Locator("[data-table=children] [data-unit-link]", new() { HasText = commune.Name }).First).ToBeVisibleAsync();
        }
        var row = page.Locator("[data-table=children] tbody tr", new() { Has = page.Locator("[data-unit-link]", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(first.Name)}$") }) });
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("3");
        await row.Locator("[data-unit-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(first.Name);
        await Assertions.Expect(page.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("3");

        var head = await browser.NewPageAsync(app.ServerAddress);
        await head.SignInAsync("xa.cuoi", Password);
        await head.GotoAsync($"/units/{last.Id}");
        await Assertions.Expect(head.Locator("[data-unit-name]")).ToHaveTextAsync(last.Name);
        await Assertions.Expect(head.Locator("[data-indicator=received] [data-value]")).ToHaveTextAsync("1");
        await head.GotoAsync($"/units/{first.Id}");
        await Assertions.Expect(head.Locator("[data-unit-name]")).ToHaveCountAsync(0);
        Assert.Empty(browser.ExternalRequests);
    }
}
