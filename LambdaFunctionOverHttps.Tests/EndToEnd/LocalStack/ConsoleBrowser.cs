using System.Text.Json;
using Microsoft.Playwright;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The Debian chromium, headless, driven by Playwright: one browser per fixture, a fresh context
/// (its own session storage) per page. Playwright's own browser download is never used.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser; <c>.ci/run</c> installs it.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        }

        // A machine on a slow moment is not a failure of the console.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root (CI) chromium's sandbox cannot start; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new ConsoleBrowser(playwright, browser);
    }

    /// <summary>Opens the console in a new tab whose session already holds <paramref name="apiKey"/>, as Settings would keep it.</summary>
    public async Task<ConsolePage> OpenAsync(Uri url, string? apiKey, int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        if (apiKey is not null)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('dynamodbmanager.apiKey', {JsonSerializer.Serialize(apiKey)});");
        }

        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page);
        await page.GotoAsync(url.ToString());
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>One tab with the console, and what went wrong in it that a user would not see.</summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    public ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Record($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public IPage Page { get; }

    /// <summary>Errors and warnings the page logged, and scripts that failed.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>The error box, where the API's errors are shown.</summary>
    public ILocator Error => Page.Locator("#error");

    /// <summary>The line that says what the last action did.</summary>
    public ILocator Message => Page.Locator("#message");

    /// <summary>The request shown open: the last one the user's action made.</summary>
    public ILocator ShownRequest => Page.Locator("#history details[open]");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Waits until the table list has loaded and <paramref name="table"/> is picked and shown.</summary>
    public async Task WaitForTableAsync(string table)
    {
        await Assertions.Expect(Page.Locator("#table")).ToHaveValueAsync(table);
        await Assertions.Expect(Page.Locator("#counts")).ToContainTextAsync("Page 1:");
    }

    /// <summary>A full-page screenshot in the test run's output folder, attached to the test.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "console-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
