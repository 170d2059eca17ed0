using GuidelineEngine.Web.Pages;

namespace GuidelineEngine.Web.Tests;

/// <summary>Pages are built so that no value can become markup.</summary>
public sealed class HtmlTests
{
    [Fact]
    public void Of_TextInHoles_IsEncoded()
    {
        // Arrange
        const string attack = "\"><script>alert('x')</script>";

        // Act
        var html = Html.Of($"<input value=\"{attack}\"><p>{attack}</p>");

        // Assert
        html.Value.Should().Be(
            "<input value=\"&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;\"><p>&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>");
    }

    [Fact]
    public void Of_JapaneseText_StaysReadable()
    {
        // Act
        var html = Html.Of($"<p>{"福祉部生活福祉課"}</p>");

        // Assert
        html.Value.Should().Be("<p>福祉部生活福祉課</p>");
    }

    [Fact]
    public void Of_BuiltHtmlInHoles_IsKeptAndListsAreJoined()
    {
        // Arrange
        var items = new[] { "a&b", "c" }.Select(s => Html.Of($"<li>{s}</li>")).ToList();

        // Act
        var html = Html.Of($"<ul>{items}</ul>");

        // Assert
        html.Value.Should().Be("<ul><li>a&amp;b</li><li>c</li></ul>");
    }
}
