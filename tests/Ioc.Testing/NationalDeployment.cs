using Ioc.Data.Reference;

namespace Ioc.Testing;

/// <summary>
/// A national deployment as the README starts one (<c>national init --out DIR --demo</c>): the country, its
/// 34 provinces and 3,321 communes, and one dossier of a commune-level procedure per entry of <see cref="Seed"/>.
/// </summary>
public static class NationalDeployment
{
    /// <summary>Đăng ký khai sinh, a commune-level procedure of the demo with full online service.</summary>
    public const string Procedure = "1.001193";

    public static string Write(TempFolder folder)
    {
        var dir = Path.Combine(folder.Path, "national");
        NationalInit.Write(Path.Combine(TestPaths.RepositoryRoot, ProvinceInit.NationalList), dir, TestPaths.ReferenceData, demoFrom: TestPaths.ReferenceData);
        return dir;
    }

    /// <summary>Dossiers received an hour before the test clock's now: Hà Nội 2 online; Hồ Chí Minh 1 online, 1 in person.</summary>
    public static IReadOnlyList<Ioc.Contracts.IngestEvent> Seed()
    {
        var at = IngestHarness.DefaultNow.AddHours(-1);
        return
        [
            Events.DossierReceived("HN-1", "P01.X00004", Procedure, at),
            Events.DossierReceived("HN-2", "P01.X00004", Procedure, at),
            Events.DossierReceived("HCM-1", "P79.X25747", Procedure, at),
            Events.DossierReceived("HCM-2", "P79.X25747", Procedure, at, channel: "in-person"),
        ];
    }
}
