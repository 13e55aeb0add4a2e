using Ioc.Aggregation.Access;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests;

/// <summary>Sign-in, scope and wall screens as people and screens meet them in Chromium.</summary>
public sealed class AccountTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_EachDemoUser_LandsOnTheirOwnPage()
    {
        await using var app = new IocAppFactory();
        var units = app.Catalog.Units;
        var justice = units.All.First(u => u.Kind == UnitKind.Department && u.Name.Contains("Tư pháp", StringComparison.Ordinal));
        var commune = units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First();
        var expected = new (string User, string Path, string Heading)[]
        {
            ("lanhdao", "/", units.Root.Name),
            ("quantri", "/", units.Root.Name),
            ("giamdoc.sotuphap", $"/units/{justice.Id}", justice.Name),
            ("chutich.xa", $"/units/{commune.Id}", commune.Name),
            ("tongdai", "/hotline", "Tổng đài 1022 · Phản ánh, kiến nghị"),
        };
        foreach (var (user, path, heading) in expected)
        {
            var page = await browser.NewPageAsync(app.ServerAddress);
            await page.SignInAsync(user);
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task DepartmentHead_SeesOnlyTheirSubtree()
    {
        await using var app = new IocAppFactory();
        var justice = app.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Name.Contains("Tư pháp", StringComparison.Ordinal));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("giamdoc.sotuphap");

        // Only their own unit in the menu, no province overview, no wall, no admin.
        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Tổng quan" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Màn hình tường" })).ToHaveCountAsync(0);

        // Out of scope reads as "not found", also once the page is live: no data, no name, not even in the title.
        var root = await page.GotoAsync($"/units/{app.Catalog.Units.Root.Id}");
        Assert.Equal(404, root!.Status);
        await Assertions.Expect(page.Locator("[data-not-found]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-indicator]")).ToHaveCountAsync(0);

        var other = app.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Id != justice.Id);
        await page.GotoAsync($"/units/{other.Id}");
        await Assertions.Expect(page.Locator("[data-not-found]")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(other.ShortName, await page.TitleAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(other.Name);

        await page.GotoAsync($"/units/{justice.Id}");
        await Assertions.Expect(page.Locator("[data-unit-name]")).ToHaveTextAsync(justice.Name);
        await Assertions.Expect(page.Locator("[data-indicator]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DisplayKey_OpensWallWithoutLogin_AndRevocationTurnsItToRevokedPageLive()
    {
        await using var app = new IocAppFactory();
        var store = app.Services.GetRequiredService<DisplayKeyStore>();
        var (key, secret) = await store.CreateAsync("Màn hình phòng họp 1", "quantri");
        var page = await browser.NewPageAsync(app.ServerAddress, 1920, 1080);

        await page.GotoAsync($"/wall?key={Uri.EscapeDataString(secret)}");
        Assert.Equal("/wall", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-scene]")).ToBeVisibleAsync();

        // A screen may see the wall and nothing else.
        var probe = await page.Context.NewPageAsync();
        await probe.GotoAsync("/units/" + app.Catalog.Units.Root.Id);
        Assert.Equal("/account/denied", new Uri(probe.Url).AbsolutePath);
        await probe.CloseAsync();

        await store.RevokeAsync(key.Id, "quantri");

        await Assertions.Expect(page.Locator("[data-wall-revoked]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal("/wall/revoked", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/wall");
        Assert.NotEqual("/wall", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task OpenPage_AccountLockedByAdmin_LeavesForTheLoginPage()
    {
        await using var app = new IocAppFactory().With("Security:CircuitRevalidationSeconds", "1");
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("lanhdao");
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var admin = app.Services.GetRequiredService<Ioc.Web.Features.Admin.UserAdministration>();
        var id = (await admin.ListAsync()).Single(u => u.UserName == "lanhdao").Id;
        Assert.Null(await admin.SetLockedAsync("quantri", id, locked: true));

        // The open circuit, not only the next request, ends: the page goes to the login form by itself.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task WrongPassword_FiveTimes_LocksTheAccount()
    {
        await using var app = new IocAppFactory();
        var page = await browser.NewPageAsync(app.ServerAddress);
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#userName", "lanhdao");
            await page.FillAsync("#password", "sai-mat-khau-" + i);
            await page.ClickAsync("button[type=submit]");
            await Assertions.Expect(page.Locator("[data-login-error]")).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.Locator("[data-login-error]")).ToHaveAttributeAsync("data-login-error", "locked");

        // Even the right password is refused while locked.
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "lanhdao");
        await page.FillAsync("#password", IocAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-login-error=locked]")).ToContainTextAsync("tạm khóa");
    }
}
