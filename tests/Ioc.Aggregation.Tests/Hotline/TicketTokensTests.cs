using Ioc.Aggregation.Hotline;

namespace Ioc.Aggregation.Tests.Hotline;

public sealed class TicketTokensTests
{
    [Fact]
    public void Of_Text_FoldedWordsAndPairsWithHowTheyWereWritten()
    {
        var tokens = TicketTokens.Of("Cống thoát nước ở tổ 3 bị tắc!");

        Assert.Contains(new TicketToken("cong", "Cống"), tokens);
        Assert.Contains(new TicketToken("thoat nuoc", "thoát nước"), tokens);
        Assert.Contains(new TicketToken("to bi", "tổ bị"), tokens);
        Assert.DoesNotContain(tokens, t => t.Feature.Split(' ').Any(w => w == "3" || w == "o"));
    }

    [Fact]
    public void Of_RepeatedWords_CountedOnce()
    {
        Assert.Single(TicketTokens.Of("rác rác RÁC"), t => t.Feature == "rac");
    }

    [Fact]
    public void Of_MarkupAndEmpty_OnlyWords()
    {
        Assert.Equal(["script", "alert", "script alert"], TicketTokens.Of("<script>alert(1)</script>").Select(t => t.Feature).Take(3));
        Assert.Empty(TicketTokens.Of(""));
        Assert.Empty(TicketTokens.Of(null));
    }
}
