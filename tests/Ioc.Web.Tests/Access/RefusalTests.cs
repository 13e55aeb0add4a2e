using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ioc.Domain.Units;

namespace Ioc.Web.Tests.Access;

/// <summary>
/// What is out of a department head's scope answers exactly like what does not exist: the same status,
/// the same words, nothing about the unit or dossier (not even its name in the title).
/// </summary>
[Collection(nameof(WebAppCollection))]
public sealed partial class RefusalTests(AccessFixture f)
{
    private HttpClient Head => f.Clients["head"].Http;

    [Fact]
    public async Task UnitPage_OtherDepartmentForDepartmentHead_Answers404WithoutItsName()
    {
        var other = f.App.Catalog.Units.All.First(u => u.Kind == UnitKind.Department && u.Id != f.Justice);

        var response = await Head.GetAsync($"/units/{other.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.ShortName, Title(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitPage_OutOfScopeAndNonexistent_AnswerIdentically()
    {
        var outOfScope = await Head.GetAsync($"/units/{f.Root}");
        var missing = await Head.GetAsync("/units/987654");

        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal(missing.StatusCode, outOfScope.StatusCode);
        Assert.Equal(VisibleText(await missing.Content.ReadAsStringAsync()), VisibleText(await outOfScope.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task DossierPage_OutOfScopeAndNonexistent_AnswerIdentically()
    {
        var outOfScope = await Head.GetAsync("/dossiers/" + Uri.EscapeDataString(f.CommuneDossier));
        var missing = await Head.GetAsync("/dossiers/KHONG-CO-HO-SO-NAY");
        var outOfScopeHtml = await outOfScope.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal(missing.StatusCode, outOfScope.StatusCode);
        Assert.Equal(VisibleText(await missing.Content.ReadAsStringAsync()), VisibleText(outOfScopeHtml));
        // The code appears only where the page echoes its own address (the language switch's return link).
        Assert.DoesNotContain(f.CommuneDossier, VisibleText(outOfScopeHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("data-dossier-code", outOfScopeHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OutOfScopeAndNonexistentUnit_AnswerIdentically()
    {
        var outOfScope = await Head.GetAsync($"/export/units/{f.Root}/dossiers?format=csv");
        var missing = await Head.GetAsync("/export/units/987654/dossiers?format=csv");

        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal(missing.StatusCode, outOfScope.StatusCode);
        var a = await outOfScope.Content.ReadFromJsonAsync<Problem>();
        var b = await missing.Content.ReadFromJsonAsync<Problem>();
        Assert.Equal(b, a);
    }

    [Fact]
    public async Task DeniedPage_AfterRoleRefusal_Answers403()
    {
        var response = await f.Clients["hotline"].Http.GetAsync("/account/denied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("data-access-denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record Problem(int Status, string Title, string Detail);

    private static string Title(string html) => TitleTag().Match(html).Groups[1].Value;

    /// <summary>The text a person sees: no tags, scripts, comments (Blazor's markers differ per request) or attribute values.</summary>
    private static string VisibleText(string html)
    {
        var text = Hidden().Replace(html, " ");
        text = Tag().Replace(text, " ");
        return Space().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex("<script.*?</script>|<style.*?</style>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
