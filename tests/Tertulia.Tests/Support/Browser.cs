using Microsoft.Playwright;

namespace Tertulia.Tests.Support;

/// <summary>Debian's Chromium, headless, driven by Playwright. No browser download: the system one is used.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
        }
        // Expect(...) retries for 5 s by default; give a loaded machine longer before calling it a failure.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// Playwright's 30 s default is short for a two-core CI machine that runs the servers, the app and several
    /// browsers at once; a wait that truly hangs still fails, a minute later.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A page in a fresh browser context (its own cookies), with <see cref="Patience"/> for every wait.</summary>
    public static async Task<IPage> FreshPageAsync(this IBrowser browser)
    {
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>A page of a fresh browser context in which <paramref name="user"/> signed in through the sign-in page.</summary>
    public static async Task<IPage> SignedInPageAsync(this IBrowser browser, string baseUrl, TestUser user)
    {
        var page = await browser.FreshPageAsync();
        await page.GotoAsync(baseUrl.TrimEnd('/') + "/signin");
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("form.auth-form button[type=submit]");
        // Signed in once the redirect away from /signin commits; the caller goes on to the page it tests.
        await page.WaitForPathAsync(path => !path.StartsWith("/signin"));
        return page;
    }

    /// <summary>
    /// Waits until the page shows an address whose path (with its query) satisfies <paramref name="matches"/> and its
    /// document is parsed. Polled by hand rather than with WaitForURL/WaitForLoadState: on a loaded machine those
    /// sometimes kept waiting for a navigation lifecycle that had long finished (the page showed the right address and
    /// content), so a test failed for Playwright's bookkeeping, not for Tertulia. A timeout says where the page stayed
    /// and what it showed.
    /// </summary>
    public static async Task WaitForPathAsync(this IPage page, Func<string, bool> matches)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (matches(new Uri(page.Url).PathAndQuery))
            {
                try
                {
                    if (await page.EvaluateAsync<string>("document.readyState") != "loading")
                    {
                        return;
                    }
                }
                catch (PlaywrightException)
                {
                    // The document is being replaced: look again.
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                string shown;
                try
                {
                    shown = (await page.InnerTextAsync("body", new() { Timeout = 2_000 })).ReplaceLineEndings(" ");
                }
                catch (PlaywrightException)
                {
                    shown = "(no body)";
                }
                throw new TimeoutException($"After {Patience.TotalSeconds:0} s the page is on {page.Url}, showing: {shown[..Math.Min(shown.Length, 600)]}");
            }
            await Task.Delay(100);
        }
    }
}
