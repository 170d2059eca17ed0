namespace GuidelineEngine.Cli.Tests;

/// <summary>Runs the command line in process, with the shipped rules, capturing what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs with <paramref name="input"/> as standard input (the passwords of <c>users</c>).</summary>
    public static (int Exit, string Output, string Error) RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, new StringReader(input));
        return (exit, output.ToString(), error.ToString());
    }

    public static (int Exit, string Output, string Error) Screen(string caseFile, params string[] more) =>
        Run(["screen", caseFile, "--rules", TestPaths.Rules, .. more]);

    public static string Example(string name) => Path.Combine(TestPaths.Casebook, "examples", name);

    /// <summary>A private copy of the shipped rules, to break; deleted when disposed.</summary>
    public static TempFolder CopyOfRules()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(TestPaths.Rules, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return folder;
    }
}
