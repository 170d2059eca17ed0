using System.Text;

namespace GuidelineEngine.Domain.Model;

/// <summary>Matching of names as staff write them: width and spacing do not matter.</summary>
public static class NameKey
{
    /// <summary>NFKC-normalises and removes white space, so （ and (, or 福祉部 生活福祉課 and 福祉部生活福祉課, match.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsStable(name))
        {
            return name;
        }
        var normalized = Normalized(name);
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

    // Normalising refuses a noncharacter (U+FFFE) or a lone surrogate. Such a character names nothing, so it is matched as U+FFFD
    // rather than failing a screening over free text.
    private static string Normalized(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var rune in name.EnumerateRunes())
            {
                var noncharacter = (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;
                builder.Append(noncharacter ? Rune.ReplacementChar.ToString() : rune.ToString());
            }
            return builder.ToString().Normalize(NormalizationForm.FormKC);
        }
    }

    // Names of kanji, kana and ASCII letters and digits only are their own key: NFKC leaves these characters as they are
    // and none is white space. Normalising goes through ICU, which costs more than the rest of a lookup.
    private static bool IsStable(string name)
    {
        foreach (var c in name)
        {
            if (!(c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z'
                or >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA' or '\u30FC' or >= '\u4E00' and <= '\u9FFF'))
            {
                return false;
            }
        }
        return true;
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
    // Names exactly as registered, resolved as their key resolves: most intakes spell them so, and normalising costs more than the rest of a lookup.
    private readonly Dictionary<string, SectionPlacement> _byName = new(StringComparer.Ordinal);

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
        foreach (var organ in organs)
        {
            foreach (var department in organ.Departments)
            {
                foreach (var departmentName in department.Aliases.Prepend(department.Name))
                {
                    _byName.TryAdd(departmentName, _byKey[NameKey.Of(departmentName)]);
                    foreach (var sectionName in department.Sections.SelectMany(s => s.Aliases.Prepend(s.Name)))
                    {
                        _byName.TryAdd(departmentName + sectionName, _byKey[NameKey.Of(departmentName + sectionName)]);
                    }
                }
            }
        }
    }

    public IReadOnlyList<OrganDefinition> Organs { get; }

    /// <summary>Finds a department, or a department followed by one of its sections.</summary>
    public SectionPlacement? Find(string name) =>
        _byName.TryGetValue(name, out var placement) ? placement : _byKey.GetValueOrDefault(NameKey.Of(name));

    public OrganDefinition? Organ(string id) => Organs.FirstOrDefault(o => o.Id == id);
}

/// <summary>The registry of personal-information files named in the sources.</summary>
public sealed class FileRegistry
{
    private readonly Dictionary<string, FileDefinition> _byKey = new(StringComparer.Ordinal);
    // Names exactly as registered, resolved as their key resolves (see OrganRegistry).
    private readonly Dictionary<string, FileDefinition> _byName = new(StringComparer.Ordinal);

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
        foreach (var name in files.SelectMany(f => f.Aliases.Prepend(f.Name)))
        {
            _byName.TryAdd(name, _byKey[NameKey.Of(name)]);
        }
    }

    public IReadOnlyList<FileDefinition> Files { get; }

    public FileDefinition? Find(string name) =>
        _byName.TryGetValue(name, out var file) ? file : _byKey.GetValueOrDefault(NameKey.Of(name));
}
