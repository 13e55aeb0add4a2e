using Ioc.Testing;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

public sealed class DuplicateFinderTests
{
    private const string Text = "Cống thoát nước trước chợ Hạ Long 1 bị tắc, mưa xuống là ngập sâu, nước tràn vào nhà dân.";

    [Fact]
    public async Task FindAsync_SameMatterInTheSameCommune_ListedMostSimilarFirst()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await d.CreateAsync("1022-ORIG", Text, at: Monday, category: "thoat-nuoc", commune: d.Commune(0));
        await d.CreateAsync("1022-ELSEWHERE", Text, at: Monday, category: "thoat-nuoc", commune: d.Commune(5));
        await d.CreateAsync("1022-OTHER", "Đèn đường hỏng nhiều ngày", at: Monday, category: "thoat-nuoc", commune: d.Commune(0));
        await d.CreateAsync("1022-LONGAGO", Text, at: Monday.AddDays(-30), category: "thoat-nuoc", commune: d.Commune(0));
        await d.CreateAsync("1022-NEW", "Tôi cũng muốn phản ánh: " + Text, at: Monday.AddDays(1), commune: d.Commune(0));

        var found = await d.Duplicates.FindAsync(Operator, (await d.Queries.LoadAsync("1022-NEW"))!);

        Assert.Equal(["1022-ORIG"], found.Select(c => c.Ticket.Code));
        Assert.True(found[0].SameCommune);
        Assert.Equal("09xx xxx 123", found[0].Ticket.ReporterPhone);
    }
}
