using System.Text;
using Ioc.Domain.Text;

namespace Ioc.Domain.Tests.Hotline;

/// <summary>What the hotline search relies on beyond <see cref="SearchTextTests"/>: đ/Đ anywhere, and text typed in either Unicode form.</summary>
public sealed class FoldingTests
{
    [Theory]
    [InlineData("Đ", "d")]
    [InlineData("đ", "d")]
    [InlineData("ĐỒNG ĐĂNG", "dong dang")]
    [InlineData("Điện đường", "dien duong")]
    [InlineData("Phản ánh ngập nước", "phan anh ngap nuoc")]
    [InlineData("Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô", "u o a a e o u o a a e o")]
    [InlineData("Tổ 3, khu 5 – Hạ Long", "to 3, khu 5 – ha long")]
    public void Fold_VietnameseLetters_ToPlainLowerCase(string text, string expected)
    {
        Assert.Equal(expected, SearchText.Fold(text));
    }

    [Fact]
    public void Fold_DecomposedInput_SameAsComposed()
    {
        // Some phones and old converters send "ậ" as "a" + two combining marks.
        const string text = "Phản ánh ngập nước ở Đồng Đăng";
        Assert.Equal(SearchText.Fold(text), SearchText.Fold(text.Normalize(NormalizationForm.FormD)));
    }
}
