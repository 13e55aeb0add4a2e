using Ioc.Aggregation.Hotline;
using Ioc.Web.Features.Hotline;

namespace Ioc.Web.Tests.Hotline;

/// <summary>One table of keys serves the script, the page, the buttons and the "?" help: every action has a key, no key does two things.</summary>
public sealed class HotlineShortcutsTests
{
    [Fact]
    public void EveryTicketAction_HasAKeyThatTheScriptSendsAsThatAction()
    {
        foreach (var action in Enum.GetValues<TriageAction>())
        {
            var key = HotlineShortcuts.All.Single(s => s.Command == HotlineShortcuts.CommandOf(action)).Keys[0];
            Assert.Equal(HotlineShortcuts.CommandOf(action).ToString(), HotlineShortcuts.ScriptMap[key]);
            Assert.Equal(action, HotlineShortcuts.ActionOf(Enum.Parse<WorkbenchCommand>(HotlineShortcuts.ScriptMap[key])));
            Assert.Equal(HotlineShortcuts.Display(key), TicketPanel.Shortcut(action));
        }
    }

    [Fact]
    public void EveryWorkbenchCommand_IsListedInTheHelpWithAKey()
    {
        var listed = HotlineShortcuts.All.Where(s => s.Command is not null).Select(s => s.Command!.Value).ToList();

        Assert.Equal(Enum.GetValues<WorkbenchCommand>().Order(), listed.Distinct().Order());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.All(HotlineShortcuts.All, s => Assert.NotEmpty(s.Keys));
    }

    [Fact]
    public void ScriptMap_EachKeyOneCommand_BulkOnShiftedKeys()
    {
        var keys = HotlineShortcuts.All.Where(s => s.Command is not null).SelectMany(s => s.Keys).ToList();

        Assert.Equal(keys.Count, HotlineShortcuts.ScriptMap.Count);
        Assert.Equal(nameof(WorkbenchCommand.Route), HotlineShortcuts.ScriptMap["r"]);
        Assert.Equal(nameof(WorkbenchCommand.BulkRoute), HotlineShortcuts.ScriptMap["R"]);
        Assert.Equal("Shift+R", HotlineShortcuts.Display("R"));
        Assert.Equal("↓", HotlineShortcuts.Display("ArrowDown"));
        Assert.Null(HotlineShortcuts.ActionOf(WorkbenchCommand.BulkRoute));
    }

    [Fact]
    public void Script_HasNoKeyTableOfItsOwn()
    {
        var script = File.ReadAllText(Path.Combine(Ioc.Testing.TestPaths.RepositoryRoot, "src", "Ioc.Web", "Features", "Hotline", "HotlinePage.razor.js"));

        Assert.DoesNotContain("\"route\"", script, StringComparison.Ordinal);
        Assert.Contains("attachShortcuts(dotnet, keys)", script, StringComparison.Ordinal);
    }
}
