using GuidelineEngine.Web.Api;
using GuidelineEngine.Web.Hosting;
using GuidelineEngine.Web.Pages;
using GuidelineEngine.Web.Security;

// `dotnet run --project src/GuidelineEngine.Web -- hash-password` turns a password read from standard input into the
// hash that Guideline:Users keeps, so no password is ever written down in configuration.
if (args is ["hash-password", ..])
{
    return PasswordTool.Run(Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGuidelineConfiguration();
// Outside Development, an example user (whose password the README gives) must not be able to sign in: refuse, in one line.
if (UserSettings.Refusal(UserSettings.Read(builder.Configuration), builder.Environment) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 3;
}
builder.Services.AddGuidelineEngine();
builder.Services.AddGuidelineSecurity();
builder.Services.AddGuidelineKeyRing();
builder.Services.AddGuidelineApi();

var app = builder.Build();
// Load and compile the rule sets now: a broken rules folder stops the service at start, not at its first request.
app.Services.WarmUp();

app.UseGuidelineSecurity((title, message) => Layout.ErrorPage(title, message).Value);
app.MapGuidelineApi();
app.MapAccountPages();
app.MapInterviewPages();
app.MapRecordPages();

app.Run();
return 0;

/// <summary>The web service's entry point (public for the tests' WebApplicationFactory).</summary>
public partial class Program;
