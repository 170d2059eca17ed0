namespace GuidelineEngine.Tests.Shared;

/// <summary>A temporary folder removed with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("guideline-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>Copies a folder with everything in it (a rules root, a version) to <paramref name="to"/>.</summary>
    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
        }
    }
}
