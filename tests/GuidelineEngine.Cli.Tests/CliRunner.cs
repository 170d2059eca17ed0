namespace GuidelineEngine.Cli.Tests;

/// <summary>Runs the command line in process, with the shipped rules, capturing what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Output, string Error) Screen(string caseFile, params string[] more) =>
        Run(["screen", caseFile, "--rules", TestPaths.Rules, .. more]);

    public static string Example(string name) => Path.Combine(TestPaths.Casebook, "examples", name);

    /// <summary>A private copy of the shipped rules, to break.</summary>
    public static string CopyOfRules()
    {
        var target = Directory.CreateTempSubdirectory("guideline-rules-").FullName;
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TestPaths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
