using System.CommandLine;
using GuidelineEngine.Records.Model;
using GuidelineEngine.Application.Users;

namespace GuidelineEngine.Cli;

/// <summary>
/// <c>users …</c>: the web service's users kept in the record store — add, disable, reset a password, list — so that no
/// JSON need be edited. Passwords are read from standard input, never from the command line (it shows in process lists).
/// </summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "ユーザー名（大文字と小文字は区別しません）" };

        var section = new Option<string>("--section") { Description = "所属する部課（例: 福祉部生活福祉課）", Required = true };
        var role = new Option<string>("--role") { Description = "役割: department（部課）または office（情報公開課）", DefaultValueFactory = _ => UserAccounts.Department };
        role.AcceptOnlyFromAmong(UserAccounts.Department, UserAccounts.Office);
        var displayName = new Option<string?>("--display-name") { Description = "画面に出す名前（既定: ユーザー名）" };
        var add = context.StoreCommand("add", "利用者を加える（パスワードは標準入力から）", name, section, role, displayName);
        add.SetAction(parse => context.Guard(() => WithPassword(context, password =>
            Print(context, Accounts(context, parse).Add(parse.GetValue(name)!, parse.GetValue(section)!, parse.GetValue(role)!, password,
                parse.GetValue(displayName))))));

        var disable = context.StoreCommand("disable", "利用者を使えなくする（サインインできなくなる）", name);
        disable.SetAction(parse => context.Guard(() => Print(context, Accounts(context, parse).Disable(parse.GetValue(name)!))));

        var reset = context.StoreCommand("reset-password", "パスワードを設定し直す（パスワードは標準入力から）", name);
        reset.SetAction(parse => context.Guard(() => WithPassword(context, password =>
            Print(context, Accounts(context, parse).ResetPassword(parse.GetValue(name)!, password)))));

        var list = context.StoreCommand("list", "記録簿の利用者を一覧する（設定ファイルの利用者は含まない）");
        list.SetAction(parse => context.Guard(() =>
        {
            foreach (var user in Accounts(context, parse).List())
            {
                Print(context, user);
            }
            return ExitCodes.Proceed;
        }));

        return new Command("users", "Web サービスの利用者（記録簿に保存）") { add, disable, reset, list };
    }

    private static UserAccounts Accounts(CliContext context, ParseResult parse) => new(context.OpenStore(parse), TimeProvider.System);

    private static int WithPassword(CliContext context, Func<string, int> action) =>
        Passwords.ReadFrom(context.Input, context.Error) is { } password ? action(password) : ExitCodes.InputError;

    private static int Print(CliContext context, StoredUser user)
    {
        context.Output.WriteLine(
            $"{user.Name}\t{user.Section}\t{user.Role}\t{(user.Disabled ? "無効" : "有効")}\t{user.DisplayName ?? user.Name}\t{user.ChangedAt}");
        return ExitCodes.Proceed;
    }
}
