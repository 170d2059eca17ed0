using GuidelineEngine.Domain.Model;
using System.CommandLine;

namespace GuidelineEngine.Cli;

/// <summary>Exit codes of the command line (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Every case may go ahead without review (covered, not out-of-purpose, based on law, consent).</summary>
    public const int Proceed = 0;
    public const int InternalError = 1;
    /// <summary>A case, rule file or command has errors; nothing was decided or written for it.</summary>
    public const int InputError = 2;
    /// <summary><c>casebook</c>: some case disagrees with what its source records.</summary>
    public const int CasebookDisagreement = 3;
    /// <summary><c>records verify</c> found a broken chain, or <c>records replay</c> a different outcome.</summary>
    public const int RecordsProblem = 4;
    /// <summary>The record store refused (full disk, read-only, unreachable); nothing was written.</summary>
    public const int StoreError = 5;
    public const int NeedsReview = 10;
    public const int MoreInformationNeeded = 20;
    public const int NotPermitted = 30;

    public static int Of(Outcome outcome) => outcome switch
    {
        Outcome.NeedsReview => NeedsReview,
        Outcome.MoreInformationNeeded => MoreInformationNeeded,
        Outcome.NotPermitted => NotPermitted,
        _ => Proceed,
    };
}

/// <summary>The <c>guideline</c> command line.</summary>
public static class CliApp
{
    /// <param name="input">Where passwords are read from (<c>users</c>); standard input when null.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var context = new CliContext(output, error, input);
        var root = new RootCommand("GuidelineEngine: 練馬区 個人情報利活用ガイドラインの判定")
        {
            ScreenCommand.Create(context),
            InterviewCommand.Create(context),
            CasebookCommands.Create(context),
            RulesCommands.Create(context),
            RecordsCommands.Create(context),
            ReportCommand.Create(context),
            UsersCommand.Create(context),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine($"引数の誤り: {parseError.Message}");
            }
            return ExitCodes.InputError;
        }
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
