using Ioc.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>The workbench on office laptops and a desk monitor: the queue's text readable, ten rows above the fold, no sideways scrolling.</summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineLayoutTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Texts =
    [
        "Đường Lê Thánh Tông đoạn gần chợ Hạ Long 1 bị ngập sâu sau cơn mưa chiều nay, nước tràn vào nhà dân, đề nghị khơi thông cống thoát nước.",
        "Rác thải tồn đọng nhiều ngày tại khu vực chợ Vườn Đào trên đường Hậu Cần, bốc mùi hôi thối, đề nghị thu gom.",
        "Đèn đường trên tuyến Trần Phú đoạn gần chợ Cẩm Đông không sáng nhiều đêm nay, rất tối và mất an toàn.",
        "Khu vực chợ Trung tâm Móng Cái bị mất điện từ 8 giờ sáng đến giờ chưa có lại, không có thông báo.",
    ];

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task Workbench_OfficeScreens_TextReadableTenRowsAboveTheFoldNoSidewaysScroll(int width, int height)
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        await app.PostOkAsync([.. Enumerable.Range(0, 40).Select(i => Created($"L-{i:D2}", Now.AddHours(-40 + i), Texts[i % Texts.Length], commune))]);
        var page = await browser.NewPageAsync(app.ServerAddress, width, height);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/L-00");
        await Assertions.Expect(page.Panel("L-00")).ToBeVisibleAsync();

        var layout = await page.EvaluateAsync<Layout>(@"() => {
            const vh = window.innerHeight;
            const queue = document.querySelector('[data-queue]').getBoundingClientRect();
            const rows = [...document.querySelectorAll('[data-queue] tbody tr[data-code]')]
                .filter(r => { const b = r.getBoundingClientRect(); return b.top >= queue.top && b.bottom <= Math.min(vh, queue.bottom) + 1; });
            const text = document.querySelector('[data-queue] td.col-text').getBoundingClientRect().width;
            return { rowsAboveFold: rows.length, textWidth: Math.round(text),
                     pageWidth: document.documentElement.scrollWidth, viewportWidth: document.documentElement.clientWidth };
        }");
        output.WriteLine($"{width}×{height}: {layout.RowsAboveFold} queue rows above the fold, text column {layout.TextWidth} px, page {layout.PageWidth} px in {layout.ViewportWidth} px");

        Assert.True(layout.RowsAboveFold >= 10, $"{layout.RowsAboveFold} rows above the fold at {width}×{height}");
        Assert.True(layout.TextWidth >= 280, $"text column {layout.TextWidth} px at {width}×{height}");
        Assert.True(layout.PageWidth <= layout.ViewportWidth, $"page {layout.PageWidth} px wide in a {layout.ViewportWidth} px window");
    }

    private sealed class Layout
    {
        public int RowsAboveFold { get; set; }
        public int TextWidth { get; set; }
        public int PageWidth { get; set; }
        public int ViewportWidth { get; set; }
    }
}
