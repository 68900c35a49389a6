using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tertulia.Publishing;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Publishing;

/// <summary>
/// The bakery's owner in Chromium, with its Mastodon account on the real snac2: writes a post and watches the value
/// score and its reasons change as the text goes from a sales pitch to a question for the community, schedules it a
/// couple of minutes ahead, finds it in the week's calendar, sees it go out and come back as the brand's own mention;
/// then a sales pitch is refused with the reason (too much self-promotion this week), in Spanish and in English.
/// </summary>
public sealed class PublishingBrowserTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
    private ChannelTestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Publishing:Tick"] = "00:00:00.500" });
        (_playwright, _browser) = await Browser.LaunchAsync();
        _workspaceId = (await _app.CreateWorkspaceAsync("Panadería La Espiga")).Id;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    private const string Pitch = "¡¡OFERTA!! Compra ya nuestro pan, el mejor de la ciudad: 20 % de descuento solo hoy en nuestra tienda online https://laespiga.test/tienda";

    [Fact]
    public async Task A_post_is_scored_while_typed_scheduled_seen_in_the_calendar_goes_out_as_the_brands_mention_and_a_sales_pitch_is_refused()
    {
        var channel = await _app.ConnectMastodonAsync(_workspaceId);
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}/publishing");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Publicar");
        await Assertions.Expect(page.Locator("#ws-nav #nav-publishing")).ToHaveAttributeAsync("aria-current", "page");
        await page.ClickAsync("#new-post");
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{_workspaceId}/publishing/compose"));
        await Assertions.Expect(page.Locator($"input.post-channel[value='{channel}']")).ToBeCheckedAsync();

        // A sales pitch first: a low score, and the reasons why.
        await page.FillAsync("#post-text", Pitch);
        await Assertions.Expect(page.Locator("#post-reasons li[data-feature=call_to_buy]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#post-verdict")).ToContainTextAsync("Promocional");
        var pitchScore = await ScoreAsync(page);
        await Assertions.Expect(page.Locator("#post-reasons li[data-feature=shop_link]")).ToContainTextAsync("Enlace a la tienda");
        Assert.True(int.Parse(await page.Locator("#post-reasons li[data-feature=call_to_buy]").GetAttributeAsync("data-points") ?? "0") < 0);

        // Rewritten as a question and a tip for the community: the score rises, the reasons say why.
        var marker = $"#PanDeCasa{Guid.NewGuid().ToString("N")[..6]}";
        var text = $"¿Cómo guardáis el pan para que aguante tierno hasta el día siguiente? Un consejo: envuelto en un paño de algodón, nunca en la nevera. ¡Gracias por contarnos vuestros trucos! {marker}";
        await page.FillAsync("#post-text", text);
        await Assertions.Expect(page.Locator("#post-reasons li[data-feature=question]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#post-verdict")).ToHaveTextAsync("Aporta valor a la comunidad");
        var valueScore = await ScoreAsync(page);
        Assert.True(valueScore > pitchScore + 30, $"the question scores {valueScore}, the pitch {pitchScore}");
        await Assertions.Expect(page.Locator("#post-reasons li[data-feature=question]")).ToContainTextAsync("Pregunta a la comunidad");
        await Assertions.Expect(page.Locator($"#channel-previews .channel-preview[data-channel='{channel}'] .part")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"#channel-previews .channel-preview[data-channel='{channel}'] .part-count")).ToContainTextAsync("/ 500");
        // Nothing answered this week yet: the composer warns of a monologue.
        await Assertions.Expect(page.Locator("#post-warnings li[data-key='Publishing.Rule.Monologue']")).ToBeVisibleAsync();

        // Scheduled a minute or two ahead, on the bakery's clock; the calendar shows it at that time.
        var local = TimeZoneInfo.ConvertTime(DateTime.UtcNow, Madrid).AddMinutes(2);
        var at = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
        await page.FillAsync("#post-when", at.ToString("yyyy-MM-dd'T'HH:mm"));
        await page.ClickAsync("#approve-post");
        await page.WaitForPathAsync(path => path.StartsWith($"/w/{_workspaceId}/publishing?view=week"));
        var publication = await SingleAsync();
        var item = page.Locator($".cal-day[data-date='{at:yyyy-MM-dd}'] .cal-item[data-publication='{publication.Id}']");
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item.Locator(".cal-time")).ToHaveTextAsync(at.ToString("HH:mm"));
        await Assertions.Expect(item).ToContainTextAsync("¿Cómo guardáis el pan");
        var state = await item.GetAttributeAsync("data-state");
        Assert.True(state is "Scheduled" or "Published", state);

        // It goes out at its time; the calendar says so, with a link to the toot.
        await TestApp.Eventually(async () =>
        {
            await page.ReloadAsync();
            return await item.GetAttributeAsync("data-state") == "Published";
        }, "the scheduled post goes out", seconds: 240);
        await Assertions.Expect(item.Locator($".cal-channel[data-channel='{channel}']")).ToContainTextAsync("publicada");
        var delivery = await DeliveryAsync(publication.Id);
        Assert.Equal(DeliveryState.Published, delivery.State);
        Assert.True(delivery.PublishedAt >= new DateTimeOffset(at, Madrid.GetUtcOffset(at)), "not before its time");
        Assert.Equal(delivery.Url, await item.Locator(".cal-channel").GetAttributeAsync("href"));

        // The brand's own mention, among the mentions the brand wrote.
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}?who=brand");
        await Assertions.Expect(page.Locator("ol.mention-list")).ToContainTextAsync(marker);
        await using (var db = await _app.DbAsync())
        {
            Assert.True(await db.ConversationMessages.AnyAsync(m => m.MentionId == delivery.MentionId && m.FromBrand));
        }
        // It counts in the insights: the brand's one message of the day, a broadcast nobody has answered yet.
        using (var http = _app.NewHttpClient())
        {
            var day = await http.GetFromJsonAsync<JsonElement>($"/api/workspaces/{_workspaceId}/insights?period=day&at={at:yyyy-MM-dd}");
            var monologue = day.GetProperty("current").GetProperty("monologue");
            Assert.Equal((1, 1), (monologue.GetProperty("part").GetInt32(), monologue.GetProperty("whole").GetInt32()));
            Assert.Equal(0, day.GetProperty("current").GetProperty("dialogue").GetProperty("part").GetInt32());
        }

        // The week had one useful post; a sales pitch now would be one in two: refused, with the reason.
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}/publishing/compose");
        await page.FillAsync("#post-text", Pitch);
        var refusal = page.Locator("#post-refusal[data-key='Publishing.Rule.PromoCap']");
        await Assertions.Expect(refusal).ToContainTextAsync("Demasiada autopromoción: 1 de las 2 publicaciones");
        await page.ClickAsync("#approve-post");
        await Assertions.Expect(page.Locator("#compose-error")).ToContainTextAsync("como mucho 1 de cada 5");
        await using (var db = await _app.DbAsync())
        {
            var pitch = await db.Publications.AsNoTracking().Where(p => p.WorkspaceId == _workspaceId && p.Id != publication.Id).SingleAsync();
            Assert.Equal(PublicationState.Draft, pitch.State); // kept as a draft, not scheduled
            Assert.True(pitch.Promotional);
        }

        // The same in English.
        await page.ClickAsync("nav.lang a[hreflang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}/publishing/compose");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New post");
        await page.FillAsync("#post-text", "BIG SALE!! Buy our bread now, the best in town: 20% off today only at our online shop https://laespiga.test/shop");
        await Assertions.Expect(page.Locator("#post-verdict")).ToContainTextAsync("Promotional");
        await Assertions.Expect(page.Locator("#post-reasons li[data-feature=call_to_buy]")).ToContainTextAsync("A call to buy or book");
        await Assertions.Expect(page.Locator("#post-refusal[data-key='Publishing.Rule.PromoCap']")).ToContainTextAsync("Too much self-promotion");
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}/publishing?view=month&date={at:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("#view-month")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.Locator($".cal-day[data-date='{at:yyyy-MM-dd}'] .cal-item[data-publication='{publication.Id}'] .cal-state")).ToHaveTextAsync("Published");
        await Assertions.Expect(page.Locator("#unscheduled .cal-item .cal-state")).ToHaveTextAsync("Draft");
    }

    private static async Task<int> ScoreAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#post-score")).Not.ToHaveAttributeAsync("data-score", "");
        return int.Parse((await page.Locator("#post-score").GetAttributeAsync("data-score"))!);
    }

    private async Task<Publication> SingleAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.Publications.AsNoTracking().SingleAsync(p => p.WorkspaceId == _workspaceId);
    }

    private async Task<PublicationDelivery> DeliveryAsync(long publicationId)
    {
        await using var db = await _app.DbAsync();
        return await db.PublicationDeliveries.AsNoTracking().SingleAsync(d => d.PublicationId == publicationId);
    }
}
