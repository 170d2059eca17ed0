namespace GuidelineEngine.Tests.Shared;

/// <summary>A temporary folder removed with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("guideline-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
