using Microsoft.Playwright;
using Tertulia.Channels.Bluesky;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>Connecting a Bluesky account from the workspace page, in Debian's Chromium, against the local PDS.</summary>
public sealed class BlueskyPageTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(BlueskyServer.Settings, polling: true);
        (_playwright, _browser) = await Browser.LaunchAsync();
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_community_manager_connects_the_account_and_the_channel_page_shows_it_listening()
    {
        var brand = await BlueskyServer.CreateAccountAsync("horno");
        var customer = await BlueskyServer.CreateAccountAsync("pedro");
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");

        await page.ClickAsync("#connect-bluesky summary");
        await page.FillAsync("#blueskyHandle", "@" + brand.Handle);
        await page.FillAsync("#blueskyPassword", brand.AppPassword);
        await page.FillAsync("#blueskyService", BlueskyServer.Url);
        await page.ClickAsync("#connect-bluesky button[type=submit]");
        await page.WaitForPathAsync(path => path.Contains("/c/"));

        Assert.Contains("@" + brand.Handle, await page.InnerTextAsync("h1"));
        Assert.Equal("Bluesky", (await page.TextContentAsync(".channel-head .badge"))?.Trim());
        var channel = int.Parse(page.Url.Split('/').Last());
        await TestApp.Eventually(() => Task.FromResult(_app.Get<BlueskyFirehoseWatcher>().IsStreaming(channel)), "the firehose is open");
        await BlueskyServer.PostAsync(customer, $"@{brand.Handle} ¿queda pan de centeno?", [brand]);
        await TestApp.Eventually(async () =>
        {
            await page.ReloadAsync();
            return (await page.InnerTextAsync(".mentions")).Contains("¿queda pan de centeno?");
        }, "the mention shows on the channel page");

        Assert.Equal("En directo (firehose)", await page.InnerTextAsync("#channel-stream"));
        Assert.Equal("Funciona", await page.InnerTextAsync("#channel-state"));
    }

    [Fact]
    public async Task A_wrong_app_password_is_explained_on_the_form()
    {
        var brand = await BlueskyServer.CreateAccountAsync("tahona");
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");

        await page.ClickAsync("#connect-bluesky summary");
        await page.FillAsync("#blueskyHandle", brand.Handle);
        await page.FillAsync("#blueskyPassword", "zzzz-zzzz-zzzz-zzzz");
        await page.FillAsync("#blueskyService", BlueskyServer.Url);
        await page.ClickAsync("#connect-bluesky button[type=submit]");

        Assert.Contains("refused", await page.InnerTextAsync("#connect-bluesky .form-error"));
    }
}
