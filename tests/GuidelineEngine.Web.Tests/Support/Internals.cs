using System.Text.RegularExpressions;

namespace GuidelineEngine.Web.Tests.Support;

/// <summary>What no answer of the service may show: an exception's type name, a frame of a .NET stack trace, the server's product.</summary>
public static partial class Internals
{
    // Literals first, so the search for them is fast over megabytes of answers ("   at " begins every frame .NET prints).
    [GeneratedRegex(@"Exception\b|   at [\w.`<>]+\(|\.cs:line \d+|Kestrel|Microsoft\.AspNetCore")]
    public static partial Regex Pattern();
}
