using System.Text.RegularExpressions;

namespace GuidelineEngine.Domain.Tests.Architecture;

/// <summary>
/// The layers show in the namespaces: no namespace of the product depends, through any chain, on one that depends on it.
/// Read from the sources copied beside the tests (src/**/*.cs): a <c>using</c> of a product namespace, or a name qualified
/// with one (<c>Application.Ledger.ConsultationLedger</c>), is a dependency.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    private static readonly string Sources = Path.Combine(AppContext.BaseDirectory, "src");

    [Fact]
    public void Sources_AreCopiedBesideTheTests()
    {
        Files().Should().HaveCountGreaterThan(100, "the test reads the product's sources; without them it would prove nothing");
    }

    [Fact]
    public void Namespaces_DependOnEachOtherWithoutCycles()
    {
        var graph = Dependencies();

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();

        cycles.Should().BeEmpty("a namespace cycle hides which layer is below which; the cycles (and a file behind each edge) are:{0}{1}",
            Environment.NewLine, string.Join(Environment.NewLine, cycles.Select(c => Describe(c, graph))));
    }

    private static IReadOnlyList<string> Files() =>
        Directory.Exists(Sources) ? Directory.GetFiles(Sources, "*.cs", SearchOption.AllDirectories) : [];

    // namespace → (namespace it uses → a file that uses it).
    private static Dictionary<string, Dictionary<string, string>> Dependencies()
    {
        var declared = Files().Select(f => (File: f, Text: File.ReadAllText(f), Namespace: NamespaceOf(File.ReadAllText(f)))).Where(f => f.Namespace is not null).ToList();
        var known = declared.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        var graph = known.ToDictionary(n => n, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (file, text, ns) in declared)
        {
            var code = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            var used = UsingDirective().Matches(code).Select(m => m.Groups[1].Value).Where(known.Contains)
                .Concat(QualifiedName().Matches(code).Select(m => Resolve(m.Value, ns!, known)).OfType<string>());
            foreach (var target in used.Where(t => t != ns))
            {
                graph[ns!].TryAdd(target, Path.GetRelativePath(Sources, file));
            }
        }
        return graph;
    }

    // A qualified name resolves, as C# does, against the file's namespace and each enclosing one: the longest known namespace wins.
    private static string? Resolve(string qualified, string fileNamespace, HashSet<string> known)
    {
        var parts = qualified.Split('.');
        var scopes = new List<string> { "" };
        var segments = fileNamespace.Split('.');
        for (var i = 1; i <= segments.Length; i++)
        {
            scopes.Add(string.Join('.', segments.Take(i)));
        }
        foreach (var scope in scopes.AsEnumerable().Reverse())
        {
            for (var length = parts.Length - 1; length >= 1; length--)
            {
                var candidate = string.Join('.', new[] { scope }.Concat(parts.Take(length)).Where(p => p.Length > 0));
                if (known.Contains(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static string? NamespaceOf(string text) => FileScopedNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private static string Describe(IReadOnlyList<string> cycle, Dictionary<string, Dictionary<string, string>> graph)
    {
        var members = cycle.ToHashSet(StringComparer.Ordinal);
        return "  " + string.Join("; ", cycle.SelectMany(from => graph[from].Where(e => members.Contains(e.Key)).Select(e => $"{from} → {e.Key} ({e.Value})")));
    }

    // Tarjan's strongly connected components.
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph[node].Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal).Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
        return components;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^using (GuidelineEngine[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(?:GuidelineEngine\.)?(?:Domain|Engine|Core|Rules|Records|Application|Web|Cli|Api|Pages|Security|Hosting|Intake|Consultations|Model|Decisions|Casebook|Compilation|Runtime|Screening|Interview|Precedents|Reporting|Loading|Validation|Yaml|Chain|Ledger|Replay|Storage|Users)(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();
}
