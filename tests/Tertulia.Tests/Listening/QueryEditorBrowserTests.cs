using Microsoft.Playwright;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using Xunit;

namespace Tertulia.Tests.Listening;

/// <summary>A community manager writes a listening query in the editor of the demo workspace, in a real browser.</summary>
public sealed class QueryEditorBrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    [Fact]
    public async Task The_editor_marks_an_error_where_it_is_and_previews_a_valid_query_live()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.BaseUrl, fixture.App.Owner);
        await page.GotoAsync($"{fixture.App.BaseUrl}/w/{fixture.Workspace}/queries");

        await page.FillAsync("#expression", "candeal NEAR pan");
        await page.WaitForSelectorAsync("#query-mirror mark.error-mark");
        Assert.Equal("NEAR", await page.Locator("#query-mirror mark.error-mark").InnerTextAsync());
        Assert.Equal("NEAR necesita un número: NEAR/5 (posición 9)", await page.Locator("#query-error").InnerTextAsync());

        await page.FillAsync("#expression", "\"masa madre\" OR cruasan*");
        await page.WaitForFunctionAsync("() => document.querySelector('#preview-count').textContent.includes('coinciden')");
        Assert.Equal("", await page.Locator("#query-error").InnerTextAsync());
        Assert.Matches(@"^\d+ de las últimas \d+ menciones coinciden$", await page.Locator("#preview-count").InnerTextAsync());
        Assert.True(await page.Locator("#preview-examples mark").CountAsync() > 0, "the examples mark what the query found");
        Assert.Equal(1, await page.Locator("#query-mirror .q-op").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "tertulia-query-editor.png"), FullPage = true });
    }

    [Fact]
    public async Task Saving_a_query_lists_it_with_its_tagging_progress()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.BaseUrl, fixture.App.Owner);
        await page.GotoAsync($"{fixture.App.BaseUrl}/w/{fixture.Workspace}/queries");

        await page.FillAsync("#name", "Precios");
        await page.FillAsync("#expression", "precio* OR caro OR barato");
        await page.ClickAsync("form button.primary");

        await page.WaitForPathAsync(path => path.Contains("/queries/"));
        var item = page.Locator("#query-list li.current");
        Assert.Contains("Precios", await item.InnerTextAsync());
        await TestApp.Eventually(async () =>
        {
            await page.ReloadAsync();
            return (await page.Locator("#query-list li.current .retag-text").InnerTextAsync()) == "Etiquetas al día";
        }, "re-tagging finishes and says so");
    }

    [Fact]
    public async Task A_mention_shows_the_listening_queries_it_is_tagged_with()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.BaseUrl, fixture.App.Owner);
        await page.GotoAsync($"{fixture.App.BaseUrl}/w/{fixture.Workspace}/queries");
        await page.Locator("#query-list li", new() { HasText = "Productos" }).Locator("a", new() { HasText = "Ver menciones" }).ClickAsync();
        await page.WaitForPathAsync(path => path.Contains("queryId="));

        await page.Locator("ol.mention-list a.mention-link").First.ClickAsync();

        await page.WaitForPathAsync(path => path.Contains("/m/"));
        await Assertions.Expect(page.Locator(".query-tags .chip", new() { HasText = "Productos" })).ToBeVisibleAsync();
    }
}
