using System.Text.Json;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Units;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>The commune guessed from what an operator types, against the demo province's 54 real communes.</summary>
public sealed class CommuneGuesserTests
{
    private static readonly Lazy<CommuneGuesser> Guesser = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ReferenceData, "units.json")));
        return new CommuneGuesser(doc.RootElement.GetProperty("units").EnumerateArray().Select((u, i) => new Unit(i + 1, u.GetProperty("code").GetString()!,
            u.GetProperty("name").GetString()!, "", u.GetProperty("kind").GetString() switch
            {
                "ward" => UnitKind.Ward,
                "commune" => UnitKind.Commune,
                "special-zone" => UnitKind.SpecialZone,
                _ => UnitKind.Department,
            }, null)).ToList());
    });

    [Theory]
    [InlineData("Số 12 đường Hậu Cần, phường Bãi Cháy", "Phường Bãi Cháy", true)]
    [InlineData("so 12 hau can, p. bai chay", "Phường Bãi Cháy", true)]
    [InlineData("tổ 5 khu 3, Cao Xanh", "Phường Cao Xanh", false)]
    [InlineData("thôn 2 xa tien yen", "Xã Tiên Yên", true)]
    [InlineData("khu 4, Móng Cái 2", "Phường Móng Cái 2", false)]
    [InlineData("cảng Cái Rồng, đặc khu Vân Đồn", "Đặc khu Vân Đồn", true)]
    public void Guess_AddressNamingACommune_ThatCommune(string address, string commune, bool isExplicit)
    {
        var guess = Guesser.Value.Guess(address);

        Assert.NotNull(guess);
        Assert.Equal(commune, guess.Name);
        Assert.Equal(isExplicit, guess.Explicit);
    }

    [Theory]
    [InlineData("số 5 đường Hạ Long")]          // a street named like a ward is the street
    [InlineData("trước chợ Cửa Ông")]           // a market named like a ward is the market
    [InlineData("số 3 Lê Thánh Tông")]          // no commune named
    [InlineData("")]
    public void Guess_NoCommuneNamed_Null(string address) => Assert.Null(Guesser.Value.Guess(address));
}
