using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace GuidelineEngine.Web.BrowserTests.Support;

/// <summary>
/// Headless Debian chromium driven through Debian's chromedriver, both by their paths: Selenium Manager is never asked
/// for a driver or a browser, so nothing is downloaded. A throw-away profile per browser.
/// </summary>
public sealed class Browser : IDisposable
{
    private const int Width = 1280;
    private const int Height = 900;
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);
    private readonly string profile;
    private readonly ChromeDriverService service;
    private readonly RunningService site;
    private int width = Width;

    public Browser(RunningService site)
    {
        this.site = site;
        // Selenium Manager runs only when no driver path is given; should anything still call it, it stays offline and silent.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        Environment.SetEnvironmentVariable("SE_AVOID_STATS", "true");
        profile = Directory.CreateTempSubdirectory("guideline-browser-profile-").FullName;
        service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserTools.ChromeDriver)!, Path.GetFileName(BrowserTools.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserTools.Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--lang=ja-JP", $"--window-size={Width},{Height}", "--user-data-dir=" + profile);
        try
        {
            Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            service.Dispose();
            throw;
        }
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    /// <summary>The viewport as a phone (or back to the desktop window) shows pages: its CSS width, touch and mobile layout.</summary>
    public void Viewport(int cssWidth, bool mobile)
    {
        width = cssWidth;
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = cssWidth, ["height"] = mobile ? 844 : Height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        });
    }

    /// <summary>How wide the page's content is laid out, in CSS pixels (wider than the viewport: it scrolls sideways).</summary>
    public long ScrollWidth() => (long)Driver.ExecuteScript("return document.documentElement.scrollWidth")!;

    public void Go(string path) => Driver.Navigate().GoToUrl(site.Url(path));

    /// <summary>The element, once the page shows it.</summary>
    public IWebElement Find(string id) => Wait($"#{id} to appear", d => d.FindElements(By.Id(id)).FirstOrDefault());

    public bool Has(string id) => Driver.FindElements(By.Id(id)).Count > 0;

    public string Attribute(string id, string name) => Find(id).GetDomAttribute(name) ?? "";

    public void Type(string id, string text)
    {
        var field = Find(id);
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Sets a field's value as a date picker would (typing into one depends on the browser's locale).</summary>
    public void SetValue(string id, string value) =>
        Driver.ExecuteScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", Find(id), value);

    /// <summary>Signs in through the sign-in page and checks that the header shows the user's section.</summary>
    public void SignIn((string Name, string Password, string Section) user)
    {
        Go("/signin");
        Type("username", user.Name);
        Type("password", user.Password);
        ClickAndLoad("signin");
        Find("current-user").Text.Should().Contain(user.Section, "{0} signs in with the README's password", user.Name);
    }

    public void SignOut()
    {
        ClickAndLoad("signout");
        Find("username");
        Has("current-user").Should().BeFalse("nobody is signed in after signing out");
    }

    /// <summary>Clicks a button or link that leaves the page, and waits for the next page to be loaded.</summary>
    public void ClickAndLoad(string id) => ClickAndLoad(Find(id));

    public void ClickAndLoad(IWebElement element)
    {
        var page = Driver.FindElement(By.TagName("html"));
        element.Click();
        Wait("the next page", _ => IsStale(page) ? page : null);
        Wait("the page to load", d => Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState"), "complete") ? d : null);
    }

    public T Wait<T>(string what, Func<IWebDriver, T?> condition)
        where T : class
    {
        var wait = new WebDriverWait(Driver, WaitTimeout) { Message = $"Waited {WaitTimeout.TotalSeconds} s for {what} on {Driver.Url}" };
        return wait.Until(d => condition(d))!;
    }

    /// <summary>
    /// A PNG of the whole page, beyond the window (DevTools Page.captureScreenshot), optionally as it prints (A4 print CSS).
    /// </summary>
    public string Screenshot(string name, bool print = false)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".png");
        if (print)
        {
            Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "print" });
        }
        try
        {
            var metrics = (Dictionary<string, object>)Driver.ExecuteCdpCommand("Page.getLayoutMetrics", new Dictionary<string, object?>())!;
            var content = (Dictionary<string, object>)metrics["cssContentSize"];
            double Size(string key) => Math.Ceiling(Convert.ToDouble(content[key], CultureInfo.InvariantCulture));
            var shot = (Dictionary<string, object>)Driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
            {
                ["format"] = "png",
                ["captureBeyondViewport"] = true,
                ["clip"] = new Dictionary<string, object?>
                {
                    ["x"] = 0, ["y"] = 0, ["width"] = Math.Max(Size("width"), width), ["height"] = Math.Min(Size("height"), 16_000), ["scale"] = 1,
                },
            })!;
            File.WriteAllBytes(path, Convert.FromBase64String((string)shot["data"]));
        }
        finally
        {
            if (print)
            {
                Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["media"] = "" });
            }
        }
        return path;
    }

    /// <summary>The page printed to PDF on A4, as the print button of the browser would.</summary>
    public string Pdf(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        var path = Path.Combine(RepositoryPaths.Screenshots, name + ".pdf");
        var options = new PrintOptions { PageDimensions = new PrintOptions.PageSize { Width = 21.0, Height = 29.7 }, OutputBackgroundImages = true };
        File.WriteAllBytes(path, Driver.Print(options).AsByteArray);
        return path;
    }

    /// <summary>
    /// The fonts the browser really drew an element's text with (DevTools CSS.getPlatformFontsForNode): proves that the
    /// Japanese text is drawn from an installed font, not as boxes.
    /// </summary>
    public IReadOnlyList<string> PlatformFonts(string id)
    {
        Driver.ExecuteCdpCommand("DOM.enable", new Dictionary<string, object?>());
        Driver.ExecuteCdpCommand("CSS.enable", new Dictionary<string, object?>());
        var document = (Dictionary<string, object>)Driver.ExecuteCdpCommand("DOM.getDocument", new Dictionary<string, object?> { ["depth"] = 0 })!;
        var root = Convert.ToInt64(((Dictionary<string, object>)document["root"])["nodeId"], CultureInfo.InvariantCulture);
        var node = (Dictionary<string, object>)Driver.ExecuteCdpCommand("DOM.querySelector", new Dictionary<string, object?> { ["nodeId"] = root, ["selector"] = "#" + id })!;
        var fonts = (Dictionary<string, object>)Driver.ExecuteCdpCommand("CSS.getPlatformFontsForNode", new Dictionary<string, object?> { ["nodeId"] = node["nodeId"] })!;
        return [.. ((IEnumerable<object>)fonts["fonts"]).Cast<Dictionary<string, object>>().Select(f => $"{f["familyName"]} ({f["glyphCount"]})")];
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // After a DevTools DOM command (the font check, mobile emulation) Chromium reports a node of the page that
            // was left this way rather than as a stale element.
            return true;
        }
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            service.Dispose();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // The browser may still hold a file for a moment; the temporary folder is harmless.
            }
        }
    }
}
