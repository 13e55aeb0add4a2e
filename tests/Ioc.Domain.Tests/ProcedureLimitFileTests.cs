using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Testing;

namespace Ioc.Domain.Tests;

/// <summary>The "limit" of procedures.json as a province writes it, and the older "workingDays".</summary>
public sealed class ProcedureLimitFileTests
{
    private static IReadOnlyList<TimeLimit> Read(string limitJson)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(ReferenceFiles.ProceduresFile),
            "{\"procedures\":[{\"code\":\"1.001\",\"name\":\"Thủ tục\",\"field\":\"Hộ tịch\",\"handledBy\":\"commune\"," + limitJson + ",\"onlineLevel\":\"none\",\"fee\":false}]}");
        return [.. ReferenceFiles.ReadProcedures(folder.Path).Select(ReferenceFiles.ParseLimit)];
    }

    [Theory]
    [InlineData("\"limit\":{\"kind\":\"working-days\",\"amount\":5}", TimeLimitKind.WorkingDays, 5)]
    [InlineData("\"limit\":{\"kind\":\"calendar-days\",\"amount\":15}", TimeLimitKind.CalendarDays, 15)]
    [InlineData("\"limit\":{\"kind\":\"hours\",\"amount\":8}", TimeLimitKind.Hours, 8)]
    [InlineData("\"limit\":{\"kind\":\"within-day\"}", TimeLimitKind.WithinDay, null)]
    [InlineData("\"limit\":{\"kind\":\"none\"}", TimeLimitKind.None, null)]
    [InlineData("\"workingDays\":3", TimeLimitKind.WorkingDays, 3)]
    public void ReadProcedures_EachKind_ReadsKindAndAmount(string json, TimeLimitKind kind, int? amount)
    {
        var limit = Assert.Single(Read(json));
        Assert.Equal(kind, limit.Kind);
        Assert.Equal(amount, limit.Amount);
    }

    [Theory]
    [InlineData("\"limit\":{\"kind\":\"none\"},\"workingDays\":3")]
    [InlineData("\"note\":\"no limit given\"")]
    [InlineData("\"limit\":{\"kind\":\"hours\"}")]
    [InlineData("\"limit\":{\"kind\":\"calendar-days\",\"amount\":0}")]
    [InlineData("\"limit\":{\"kind\":\"within-day\",\"amount\":1}")]
    [InlineData("\"limit\":{\"kind\":\"none\",\"amount\":1}")]
    [InlineData("\"limit\":{\"kind\":\"weeks\",\"amount\":1}")]
    [InlineData("\"workingDays\":0")]
    public void ReadProcedures_InvalidLimit_IsRefused(string json)
    {
        Assert.Throws<InvalidDataException>(() => Read(json));
    }

    [Fact]
    public void ReadProcedures_RepositoryFile_HasEveryKindButWithinDay()
    {
        var kinds = ReferenceFiles.ReadProcedures(TestPaths.ReferenceData).Select(p => ReferenceFiles.ParseLimit(p).Kind).ToHashSet();
        Assert.Superset(new HashSet<TimeLimitKind> { TimeLimitKind.WorkingDays, TimeLimitKind.CalendarDays, TimeLimitKind.Hours, TimeLimitKind.None }, kinds);
    }
}
