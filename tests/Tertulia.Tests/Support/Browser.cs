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

    /// <summary>A page of a fresh browser context in which <paramref name="user"/> signed in through the sign-in page.</summary>
    public static async Task<IPage> SignedInPageAsync(this IBrowser browser, string baseUrl, TestUser user)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl.TrimEnd('/') + "/signin");
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("form.auth-form button[type=submit]");
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/signin"));
        return page;
    }
}
