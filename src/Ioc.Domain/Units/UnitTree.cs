namespace Ioc.Domain.Units;

/// <summary>
/// The unit hierarchy, of any depth. Indicators of a unit cover its whole subtree, so the tree
/// answers "which units does this one contain" and "which units contain this one" cheaply.
/// </summary>
public sealed class UnitTree
{
    private readonly Dictionary<int, Unit> _byId;
    private readonly Dictionary<string, Unit> _byCode;
    private readonly Dictionary<int, List<Unit>> _children;
    private readonly Dictionary<int, int[]> _scopes;
    private readonly Dictionary<int, int> _depth;

    public UnitTree(IEnumerable<Unit> units)
    {
        var list = units.ToList();
        _byId = list.ToDictionary(u => u.Id);
        _byCode = list.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var roots = list.Where(u => u.ParentId is null).ToList();
        if (roots.Count != 1)
        {
            throw new InvalidOperationException($"A unit tree needs exactly one root; found {roots.Count}.");
        }
        Root = roots[0];
        _children = list.Where(u => u.ParentId is not null)
            .GroupBy(u => u.ParentId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false)).ToList());
        foreach (var u in list.Where(u => u.ParentId is not null && !_byId.ContainsKey(u.ParentId.Value)))
        {
            throw new InvalidOperationException($"Unit {u.Code} names a parent that does not exist.");
        }

        _scopes = [];
        _depth = [];
        foreach (var u in list)
        {
            var chain = new List<int>();
            for (Unit? cur = u; cur is not null; cur = cur.ParentId is int p ? _byId[p] : null)
            {
                if (chain.Count > list.Count)
                {
                    throw new InvalidOperationException($"Unit {u.Code} is part of a cycle.");
                }
                chain.Add(cur.Id);
            }
            _scopes[u.Id] = [.. chain];
            _depth[u.Id] = chain.Count - 1;
        }
    }

    public Unit Root { get; }

    /// <summary>A national deployment: the country at the root, the provinces below it.</summary>
    public bool IsNational => Root.Kind == UnitKind.Country;

    public IReadOnlyCollection<Unit> All => _byId.Values;

    public Unit this[int id] => _byId[id];

    public bool Contains(int id) => _byId.ContainsKey(id);

    public Unit? Find(int id) => _byId.GetValueOrDefault(id);

    public Unit? FindByCode(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Unit> Children(int id) => _children.TryGetValue(id, out var c) ? c : [];

    /// <summary>The children that exist on <paramref name="day"/>: what rankings compare (retired units keep their history, not their place).</summary>
    public IReadOnlyList<Unit> ActiveChildren(int id, DateOnly day) => [.. Children(id).Where(u => u.IsActiveOn(day))];

    /// <summary>The unit itself, then its parent, up to the root: every unit whose subtree includes this one.</summary>
    public IReadOnlyList<int> Scopes(int id) => _scopes[id];

    public int Depth(int id) => _depth[id];

    /// <summary>True when <paramref name="id"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsWithin(int id, int ancestorId) => _scopes.TryGetValue(id, out var chain) && Array.IndexOf(chain, ancestorId) >= 0;

    public IEnumerable<Unit> Subtree(int id)
    {
        var stack = new Stack<Unit>();
        stack.Push(_byId[id]);
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            yield return u;
            foreach (var c in Children(u.Id))
            {
                stack.Push(c);
            }
        }
    }

    /// <summary>From the root down to the unit, for breadcrumbs.</summary>
    public IReadOnlyList<Unit> PathFromRoot(int id) => [.. _scopes[id].Reverse().Select(i => _byId[i])];
}
