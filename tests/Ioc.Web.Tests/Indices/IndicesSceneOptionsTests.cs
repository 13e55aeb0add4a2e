using Ioc.Domain.Units;
using Ioc.Web.Features.Wall;

namespace Ioc.Web.Tests.Indices;

/// <summary>An indices scene names an index the wall knows; a typo stops the start (or is refused on reload) with its place.</summary>
public sealed class IndicesSceneOptionsTests
{
    private static WallOptions With(string index) => new()
    {
        Scenes = [.. WallOptions.DefaultScenes(), new() { Key = "par", Title = "PAR", Kind = WallSceneKind.Indices, Indicator = index, UnitKinds = [UnitKind.Department] }],
    };

    [Fact]
    public void Check_KnownIndex_Valid() => Assert.True(new WallOptionsValidator().Check(With("PAR")).Succeeded);

    [Fact]
    public void Check_UnknownIndex_NamesTheSceneAndTheIndices()
    {
        var result = new WallOptionsValidator().Check(With("PARR"));

        Assert.True(result.Failed);
        Assert.Contains("(par): unknown index 'PARR'; one of PAR, SIPAS, DTI, PCI, PAPI, 766.", result.FailureMessage, StringComparison.Ordinal);
    }
}
