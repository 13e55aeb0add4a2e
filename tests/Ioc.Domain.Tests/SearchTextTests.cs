using Ioc.Domain.Text;

namespace Ioc.Domain.Tests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Phản ánh ngập nước", "phan anh ngap nuoc")]
    [InlineData("ĐƯỜNG Đồng Khởi", "duong dong khoi")]
    [InlineData("ÐƯỜNG Ðồng Khởi", "duong dong khoi")]
    [InlineData("Quảng  Ninh\n\tHạ Long", "quang ninh ha long")]
    [InlineData("Tiếng ồn karaoke", "tieng on karaoke")]
    [InlineData("", "")]
    public void Fold_VietnameseText_RemovesMarksAndCase(string text, string expected)
    {
        Assert.Equal(expected, SearchText.Fold(text));
    }

    [Fact]
    public void Fold_QueryAndText_MatchWithOrWithoutDiacritics()
    {
        Assert.Contains(SearchText.Fold("phan anh ngap nuoc"), SearchText.Fold("Người dân Phản ánh ngập nước tại tổ 5"));
        Assert.Contains(SearchText.Fold("đường"), SearchText.Fold("duong Le Loi"));
    }
}
