using System.Net;
using Ioc.Domain.Access;
using Ioc.Testing;

namespace Ioc.Web.Tests.Access;

/// <summary>
/// A national deployment: a national leader reads every province, a province head (a department head
/// whose unit is a province) reads his province's subtree and nothing of another province, over HTTP
/// as the server answers it (pages, dossiers, exports), not by hidden links.
/// </summary>
public sealed class NationalScopeTests : IAsyncLifetime
{
    private readonly TempFolder _folder = TestPaths.NewTempFolder();
    private IocAppFactory _app = null!;
    private SignedInClient _leader = null!;
    private SignedInClient _hanoiHead = null!;
    private int _hanoi, _hcm, _country;

    public async Task InitializeAsync()
    {
        _app = new IocAppFactory().With("ReferenceData:Directory", NationalDeployment.Write(_folder));
        var units = _app.Catalog.Units;
        (_country, _hanoi, _hcm) = (units.Root.Id, units.FindByCode("P01")!.Id, units.FindByCode("P79")!.Id);
        (await _app.PostEventsAsync([.. NationalDeployment.Seed()])).EnsureSuccessStatusCode();
        _leader = await SignedInClient.AsAsync(_app.ServerAddress, await TestAccounts.CreateAsync(_app, IocRoles.Leader));
        _hanoiHead = await SignedInClient.AsAsync(_app.ServerAddress, await TestAccounts.CreateAsync(_app, IocRoles.DepartmentHead, _hanoi));
    }

    public async Task DisposeAsync()
    {
        _leader.Dispose();
        _hanoiHead.Dispose();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task NationalLeader_ReadsTheCountryEveryProvinceAndTheirDossiers()
    {
        var children = await _leader.Http.GetStringAsync($"/export/units/{_country}/children?format=csv");
        var hcm = await _leader.Http.GetAsync($"/units/{_hcm}");
        var dossier = await _leader.Http.GetAsync("/dossiers/HCM-1");

        // One row per province under a header: the 34 of the national list, by their official names.
        Assert.Equal(35, children.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Ủy ban nhân dân thành phố Hà Nội", children, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân tỉnh Lai Châu", children, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, hcm.StatusCode);
        Assert.Contains("Ủy ban nhân dân thành phố Hồ Chí Minh", await hcm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dossier.StatusCode);
    }

    [Fact]
    public async Task ProvinceHead_ReadsHisProvinceOnly_AnotherProvinceItsDossiersAndExportsAreNotFound()
    {
        var own = await _hanoiHead.Http.GetAsync($"/units/{_hanoi}");
        var ownExport = await _hanoiHead.Http.GetStringAsync($"/export/units/{_hanoi}/dossiers?format=csv&all=1");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("Ủy ban nhân dân thành phố Hà Nội", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("HN-1", ownExport, StringComparison.Ordinal);
        Assert.DoesNotContain("HCM-1", ownExport, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _hanoiHead.Http.GetAsync("/dossiers/HN-1")).StatusCode);
        foreach (var url in new[]
        {
            $"/units/{_hcm}", $"/units/{_country}", "/dossiers/HCM-1",
            $"/export/units/{_hcm}/dossiers?format=csv", $"/export/units/{_hcm}/children?format=xlsx", $"/export/units/{_country}/children?format=csv",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _hanoiHead.Http.GetAsync(url)).StatusCode);
        }
    }
}
