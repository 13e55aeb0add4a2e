using System.Net;
using Ioc.Testing;

namespace Ioc.Web.Tests.Account;

/// <summary>Who the demo cast are, as the page's user badge shows them.</summary>
public sealed class DemoAccountsTests
{
    [Fact]
    public async Task NationalDemo_LeaderWatchesTheCountry_HeadsAreNamedWithTheirProvince()
    {
        using var folder = TestPaths.NewTempFolder();
        await using var app = new IocAppFactory().With("ReferenceData:Directory", NationalDeployment.Write(folder));

        Assert.Contains("Lãnh đạo Văn phòng Chính phủ", await BadgeOfAsync(app, "lanhdao"));
        // Every province has a Sở Tư pháp: the badge says whose.
        var head = await BadgeOfAsync(app, "giamdoc.sotuphap");
        Assert.Matches(@"Giám đốc Sở Tư pháp \([^)]+\) ·", head);
    }

    [Fact]
    public async Task ProvinceDemo_LeaderIsTheProvincesViceChairman()
    {
        await using var app = new IocAppFactory();

        Assert.Contains("Phó Chủ tịch UBND tỉnh", await BadgeOfAsync(app, "lanhdao"));
        Assert.DoesNotContain("(", await BadgeOfAsync(app, "giamdoc.sotuphap"));
    }

    private static async Task<string> BadgeOfAsync(IocAppFactory app, string user)
    {
        using var client = await SignedInClient.AsAsync(app.ServerAddress, user);
        var response = await client.Http.GetAsync("/");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            // A head's start page is their own unit's.
            response = await client.Http.GetAsync(response.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var start = html.IndexOf("class=\"user-badge\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no user badge on the page");
        return html[start..html.IndexOf("</span>", start, StringComparison.Ordinal)];
    }
}
