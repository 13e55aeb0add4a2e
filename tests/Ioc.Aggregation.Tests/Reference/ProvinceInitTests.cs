using Ioc.Data.Reference;
using Ioc.Domain.Units;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Reference;

/// <summary>A province's own reference directory from the national list: valid, and a server starts on it.</summary>
public sealed class ProvinceInitTests
{
    private static string NationalList => Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList);

    [Theory]
    [InlineData("12", "Tỉnh Lai Châu", 38, "P12")]
    [InlineData("40", "Tỉnh Nghệ An", 130, "P40")]
    [InlineData("79", "Thành phố Hồ Chí Minh", 168, "P79")]
    public async Task Write_ProvincesOfDifferentSizes_ValidAndAServerStartsOnThem(string code, string name, int communes, string root)
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "reference");

        var result = ProvinceInit.Write(NationalList, code, dir, TestPaths.ReferenceData);

        Assert.Equal(name, result.ProvinceName);
        Assert.Equal(communes, result.Communes + result.Wards + result.SpecialZones);
        Assert.Empty(ReferenceValidator.Validate(dir));
        await using var h = await IngestHarness.CreateAsync(referenceDirectory: dir);
        var units = h.Catalog.Units;
        Assert.Equal(root, units.Root.Code);
        Assert.Equal("Ủy ban nhân dân " + char.ToLower(name[0]) + name[1..], units.Root.Name);
        Assert.Equal(communes, units.All.Count(u => u.IsLocal));
        Assert.Equal(13, units.All.Count(u => u.Kind is UnitKind.Department or UnitKind.Agency));
        var commune = units.All.First(u => u.IsLocal);
        Assert.Matches(@"^P\d\d\.X\d{5}$", commune.Code);
        var ticket = Events.TicketCreated("PA-INIT-1", IngestHarness.DefaultNow.AddHours(-1), commune: commune.Code);
        Assert.True((await h.IngestAsync(ticket)).Succeeded);
        var today = Ioc.Domain.Time.ProvinceTime.LocalDate(IngestHarness.DefaultNow);
        Assert.Equal(1, (await h.Queries.GetAsync(units.Root.Id, new(today, today))).Hotline.Received);
    }

    [Fact]
    public void Write_City_NamesItsBodiesAsACitys()
    {
        using var folder = TestPaths.NewTempFolder();
        var dir = Path.Combine(folder.Path, "reference");

        ProvinceInit.Write(NationalList, "1", dir, TestPaths.ReferenceData, rootCode: "H01");

        var units = ReferenceFiles.ReadUnits(dir);
        Assert.Equal("Ủy ban nhân dân thành phố Hà Nội", units[0].Name);
        Assert.Equal("H01", units[0].Code);
        Assert.Contains(units, u => u.Name == "Văn phòng Ủy ban nhân dân thành phố" && u.Code == "H01.01");
        Assert.Contains(units, u => u.Name == "Công an thành phố Hà Nội");
        Assert.Contains(units, u => u.Code == "H01.X00004" && u.Name == "Phường Ba Đình" && u.Kind == "ward");
    }

    [Fact]
    public void Write_UnknownProvinceOrUsedDirectory_RefusedWritingNothing()
    {
        using var folder = TestPaths.NewTempFolder();
        var used = Path.Combine(folder.Path, "used");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "units.json"), "{}");

        Assert.Throws<ArgumentException>(() => ProvinceInit.Write(NationalList, "99", Path.Combine(folder.Path, "new"), TestPaths.ReferenceData));
        Assert.Throws<ArgumentException>(() => ProvinceInit.Write(NationalList, "40", used, TestPaths.ReferenceData));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "new")));
        Assert.Equal(["units.json"], Directory.GetFiles(used).Select(Path.GetFileName));
    }
}
