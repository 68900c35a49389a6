using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Web;

/// <summary>The demo app (`serve --demo`) with its feeds ingested, and a headless Chromium.</summary>
public sealed class DemoBrowserFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public int Workspace { get; private set; }

    public async Task InitializeAsync()
    {
        App = await TestApp.StartAsync(demo: true);
        (Playwright, Browser) = await Support.Browser.LaunchAsync();
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            return await db.Mentions.CountAsync() >= 60;
        }, "the demo feeds are ingested");
        await using var db = App.Db();
        Workspace = await db.Workspaces.Select(w => w.Id).SingleAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>A community manager opens the demo workspace in a real browser and searches it.</summary>
public sealed class BrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private TestApp App => fixture.App;
    private IBrowser Browser => fixture.Browser;
    private int Workspace => fixture.Workspace;

    [Theory]
    [InlineData("atención")]
    [InlineData("atencion")]
    public async Task Searching_a_Spanish_word_with_or_without_its_accent_shows_the_mention(string word)
    {
        var page = await Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync(App.BaseUrl + "/");
        // The workspace opens on its dashboard; its mentions are one step away in the workspace's navigation.
        await page.ClickAsync($"a.workspace-card[href='/w/{Workspace}/insights']");
        await page.WaitForPathAsync(path => path.EndsWith("/insights"));
        await page.ClickAsync("#ws-nav #nav-mentions");
        await page.WaitForPathAsync(path => path == $"/w/{Workspace}");
        await page.FillAsync("input[name=q]", word);
        await page.PressAsync("input[name=q]", "Enter");

        await page.WaitForPathAsync(path => path.Contains("q="));
        var count = await page.Locator("#result-count").InnerTextAsync();
        Assert.Contains("resultados", count);
        var marks = page.Locator("ol.mention-list li mark");
        Assert.True(await marks.CountAsync() > 0, "the searched word is highlighted in the results");
        Assert.Equal("atención", (await marks.First.InnerTextAsync()).ToLowerInvariant());

        await page.Locator("ol.mention-list a.mention-link").First.ClickAsync();
        await page.WaitForPathAsync(path => path.Contains("/m/"));
        Assert.Contains("atención", (await page.Locator("article.mention-detail, .thread").AllInnerTextsAsync()).Aggregate("", (a, b) => a + b).ToLowerInvariant());
    }

    [Fact]
    public async Task The_interface_is_Spanish_by_default_and_switches_to_English()
    {
        var page = await Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync($"{App.BaseUrl}/w/{Workspace}");
        Assert.Equal("Buscar", (await page.Locator("form.search button").InnerTextAsync()).Trim());
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));

        await page.ClickAsync("nav.lang a[hreflang=en]");

        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Equal("Search", (await page.Locator("form.search button").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_post_shows_its_comments_and_a_link_to_the_source()
    {
        var page = await Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync($"{App.BaseUrl}/w/{Workspace}?q=tartas");
        await page.Locator("li.is-post a.mention-link").First.ClickAsync();
        await page.WaitForPathAsync(path => path.Contains("/m/"));

        Assert.True(await page.Locator("ol.comment-list li.comment").CountAsync() > 3);
        var source = await page.GetAttributeAsync("a.source", "href");
        Assert.StartsWith("https://hornoelcandeal.example/", source);
    }
}
