namespace GuidelineEngine.Engine.Core;

/// <summary>
/// The working memory a condition reads: the item's fact slots, and, while a per-task category
/// is judged, the current task's slots and all tasks. A null slot is an unknown fact.
/// </summary>
public sealed class FactFrame(object?[] item, IReadOnlyList<object?[]> tasks)
{
    public object?[] Item { get; } = item;
    public IReadOnlyList<object?[]> Tasks { get; } = tasks;

    /// <summary>The task being judged; empty outside a per-task evaluation.</summary>
    public object?[] Task { get; set; } = [];
}
