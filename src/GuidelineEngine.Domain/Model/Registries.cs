using System.Text;

namespace GuidelineEngine.Domain.Model;

/// <summary>Matching of names as staff write them: width and spacing do not matter.</summary>
public static class NameKey
{
    /// <summary>NFKC-normalises and removes white space, so （ and (, or 福祉部 生活福祉課 and 福祉部生活福祉課, match.</summary>
    public static string Of(string name)
    {
        var normalized = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

/// <summary>Where a section sits: its organ (行政機関) and department.</summary>
public sealed record SectionPlacement(OrganDefinition Organ, DepartmentDefinition Department, SectionDefinition? Section)
{
    /// <summary>Department and section, e.g. 福祉部生活福祉課.</summary>
    public string Name => Department.Name + Section?.Name;
}

/// <summary>The registry of organs, departments and sections: data the rule set carries, not code.</summary>
public sealed class OrganRegistry
{
    private readonly Dictionary<string, SectionPlacement> _byKey = new(StringComparer.Ordinal);

    public OrganRegistry(IReadOnlyList<OrganDefinition> organs)
    {
        Organs = organs;
        foreach (var organ in organs)
        {
            foreach (var department in organ.Departments)
            {
                var departmentNames = department.Aliases.Prepend(department.Name).ToList();
                foreach (var departmentName in departmentNames)
                {
                    _byKey.TryAdd(NameKey.Of(departmentName), new SectionPlacement(organ, department, null));
                    foreach (var section in department.Sections)
                    {
                        foreach (var sectionName in section.Aliases.Prepend(section.Name))
                        {
                            _byKey.TryAdd(NameKey.Of(departmentName + sectionName), new SectionPlacement(organ, department, section));
                        }
                    }
                }
            }
        }
    }

    public IReadOnlyList<OrganDefinition> Organs { get; }

    /// <summary>Finds a department, or a department followed by one of its sections.</summary>
    public SectionPlacement? Find(string name) => _byKey.GetValueOrDefault(NameKey.Of(name));

    public OrganDefinition? Organ(string id) => Organs.FirstOrDefault(o => o.Id == id);
}

/// <summary>The registry of personal-information files named in the sources.</summary>
public sealed class FileRegistry
{
    private readonly Dictionary<string, FileDefinition> _byKey = new(StringComparer.Ordinal);

    public FileRegistry(IReadOnlyList<FileDefinition> files)
    {
        Files = files;
        foreach (var file in files)
        {
            foreach (var name in file.Aliases.Prepend(file.Name))
            {
                _byKey.TryAdd(NameKey.Of(name), file);
            }
        }
    }

    public IReadOnlyList<FileDefinition> Files { get; }

    public FileDefinition? Find(string name) => _byKey.GetValueOrDefault(NameKey.Of(name));
}
