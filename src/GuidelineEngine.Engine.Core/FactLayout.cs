using GuidelineEngine.Domain.Model;

namespace GuidelineEngine.Engine.Core;

/// <summary>Where each fact lives: its slot in the item frame or in a task frame.</summary>
public sealed class FactLayout
{
    private readonly Dictionary<string, (FactDefinition Fact, int Slot)> _slots = new(StringComparer.Ordinal);

    public FactLayout(IEnumerable<FactDefinition> facts)
    {
        var itemSlots = 0;
        var taskSlots = 0;
        foreach (var fact in facts)
        {
            _slots[fact.Name] = (fact, fact.Scope == FactScope.Task ? taskSlots++ : itemSlots++);
        }
        ItemSlots = itemSlots;
        TaskSlots = taskSlots;
    }

    public int ItemSlots { get; }
    public int TaskSlots { get; }

    public bool Contains(string name) => _slots.ContainsKey(name);

    public (FactDefinition Fact, int Slot) this[string name] => _slots[name];

    /// <summary>The slot of a fact the rule set declares.</summary>
    public bool TrySlot(string name, out int slot)
    {
        var found = _slots.TryGetValue(name, out var entry);
        slot = entry.Slot;
        return found;
    }

    public FactDefinition Definition(string name) => _slots[name].Fact;

    public IEnumerable<FactDefinition> Facts => _slots.Values.Select(s => s.Fact);
}
