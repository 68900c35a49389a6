using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Channels.Mastodon;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;

namespace Tertulia.Tests.Ideas;

/// <summary>
/// The demo bakery's owner, in Chromium: the demo's blog suggestions are grouped into ideas, customers who asked
/// the same by email (Postfix/Dovecot) and on Mastodon (snac2) join the idea, the owner declines it with a reason,
/// and the answers arrive on those real servers; the page says who has been answered, in Spanish and English.
/// </summary>
public sealed class IdeasBrowserTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private TestApp App => fixture.App;

    private const string Reason = "Los domingos por la tarde el obrador descansa: el equipo amasa desde las cuatro de la mañana.";

    [Fact]
    public async Task The_demo_owner_sees_grouped_ideas_declines_one_with_a_reason_and_its_customers_are_answered_by_email_and_mastodon()
    {
        var workspace = fixture.Workspace;
        // The demo's blog: three customers asked for longer Sunday hours in their own words. (Its two comments asking
        // for smaller loaves stay apart today — cosine 0.170 under the 0.175 threshold cross-validation chose; see
        // docs/ideas.md, "Honest limits".)
        var sunday = await SameIdeaAsync(workspace, "abrierais un poco más los domingos", "abrir más horas los domingos", "open longer on Sundays");

        // The same wish by email and on Mastodon, through the real channels and the pipeline.
        var brand = MailServer.NewAddress("hola");
        var carmen = MailServer.NewAddress("carmen");
        var marker = Guid.NewGuid().ToString("N")[..8];
        int email, mastodon;
        using (var scope = App.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<AddEmailChannel>().HandleAsync(workspace, MailServer.ChannelRequest(brand), CancellationToken.None);
            Assert.Null(added.Error);
            email = added.Channel!.Id;
            var toot = await scope.ServiceProvider.GetRequiredService<AddMastodonChannel>().HandleAsync(workspace,
                new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken, []), CancellationToken.None);
            Assert.Null(toot.Error);
            mastodon = toot.Channel!.Id;
        }
        await MergeWhatTheServerHeldAsync(workspace, mastodon, sunday);
        await MailServer.SendAsync(MailServer.Message($"Carmen Alonso <{carmen}>", brand, "Domingos",
            "Buenas! Estaría bien que abrierais los domingos por la tarde, aunque fuera hasta las seis. Un saludo"));
        await MailServer.WaitForMessagesAsync(brand, 1);
        var status = await MastodonServer.PostAsCustomerAsync($"@laespiga it would be lovely if you opened on Sunday afternoons too {marker}");
        int? emailIdea = null, tootIdea = null;
        try
        {
            await TestApp.Eventually(async () =>
            {
                using var scope = App.Services.CreateScope();
                var poller = scope.ServiceProvider.GetRequiredService<ChannelPoller>();
                await poller.PollAsync(email, CancellationToken.None);
                await poller.PollAsync(mastodon, CancellationToken.None);
                await using var db = App.Db();
                (emailIdea, tootIdea) = (await IdeaOfAsync(db, workspace, "hasta las seis"), await IdeaOfAsync(db, workspace, marker));
                return emailIdea == sunday && tootIdea == sunday;
            }, "the email and the toot join the demo's Sunday idea", seconds: 60);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}: the email's idea is {emailIdea}, the toot's {tootIdea}, the Sunday idea {sunday}", timeout);
        }

        var page = await fixture.Browser.SignedInPageAsync(App.BaseUrl, App.Owner);
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}");
        await page.ClickAsync($"a[href='/w/{workspace}/ideas']");
        await page.WaitForPathAsync(path => path.EndsWith("/ideas"));
        Assert.True(await page.Locator("#idea-list li.idea-row").CountAsync() >= 3, "the demo has several ideas");
        var row = page.Locator($"li[data-idea='{sunday}']");
        await Assertions.Expect(row.Locator(".customers")).ToHaveTextAsync("5 clientes lo piden");

        await row.Locator("a.idea-title").ClickAsync();
        await page.WaitForPathAsync(path => path.EndsWith($"/ideas/{sunday}"));
        await page.SelectOptionAsync("#status", "Declined");
        await page.FillAsync("#answer", Reason);
        await page.ClickAsync("#change-status");
        await Assertions.Expect(page.Locator("#idea-status")).ToHaveTextAsync("Descartada");
        await Assertions.Expect(page.Locator("#idea-answer")).ToHaveTextAsync(Reason);
        await Assertions.Expect(page.Locator("#idea-answered")).ToHaveTextAsync("2 clientes van a recibir la respuesta; 3 la verán en la página pública.");

        // The answers arrive on the real servers, in each customer's language, with the reason.
        var toCarmen = Assert.Single(await MailServer.WaitForMessagesAsync(carmen, 1, timeoutSeconds: 60));
        Assert.Equal("Re: Domingos", toCarmen.Subject);
        Assert.Contains(Reason, toCarmen.TextBody);
        await TestApp.Eventually(async () => (await MastodonServer.RepliesToAsync(status))
            .Any(r => r.GetProperty("content").GetString()!.Contains("obrador descansa")), "the toot is answered on Mastodon", seconds: 60);

        // Who has been answered: the two on channels that can be answered, the blog's three told by the public page.
        await TestApp.Eventually(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator(".suggestion", new() { HasText = "hasta las seis" }).Locator(".answer-state .reply-sent").CountAsync() == 1
                && await page.Locator(".suggestion", new() { HasText = marker }).Locator(".answer-state .reply-sent").CountAsync() == 1;
        }, "the page shows both answers sent", seconds: 60);
        var email_ = page.Locator(".suggestion", new() { HasText = "hasta las seis" });
        await Assertions.Expect(email_.Locator(".answer-state")).ToContainTextAsync("Contestado");
        await Assertions.Expect(page.Locator(".suggestion", new() { HasText = "medio kilo" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".answer-state", new() { HasText = "lo verá en la página pública" })).ToHaveCountAsync(3);

        await page.ClickAsync("nav.lang a[hreflang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await Assertions.Expect(page.Locator("#idea-status")).ToHaveTextAsync("Declined");
        await Assertions.Expect(page.Locator(".suggestion", new() { HasText = marker }).Locator(".answer-state")).ToContainTextAsync("Answered");
        await Assertions.Expect(page.Locator(".answer-state", new() { HasText = "the public page tells them" })).ToHaveCountAsync(3);
        await page.GotoAsync($"{App.BaseUrl}/w/{workspace}/ideas");
        await Assertions.Expect(page.Locator($"li[data-idea='{sunday}'] .customers")).ToHaveTextAsync("5 customers asked");
    }

    /// <summary>
    /// The snac2 server is shared by the whole run and keeps every test's toots: the new channel takes them in first.
    /// Several copies of one toot make an idea of their own, as they would in any workspace; the owner would merge it
    /// into the Sunday idea, and so does the test, before this test's own toot arrives.
    /// </summary>
    private async Task MergeWhatTheServerHeldAsync(int workspace, int mastodon, int sunday)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ChannelPoller>().PollAsync(mastodon, CancellationToken.None);
        List<int> others;
        await using (var db = App.Db())
        {
            others = await db.Suggestions.Where(s => s.WorkspaceId == workspace && s.IdeaId != sunday)
                .Join(db.Mentions, s => s.MentionId, m => m.Id, (s, m) => new { s.IdeaId, m.ChannelId, m.Text })
                .Where(x => x.ChannelId == mastodon && (x.Text.Contains("Sunday") || x.Text.Contains("domingos")))
                .Select(x => x.IdeaId).Distinct().ToListAsync();
        }
        foreach (var other in others)
        {
            await scope.ServiceProvider.GetRequiredService<Tertulia.Ideas.IdeaActions>().MergeAsync(workspace, sunday, other, CancellationToken.None);
        }
    }

    /// <summary>Waits until the demo's comments containing each piece are placed, and asserts they are in one idea.</summary>
    private async Task<int> SameIdeaAsync(int workspace, params string[] pieces)
    {
        var ideas = new List<int?>();
        await TestApp.Eventually(async () =>
        {
            await using var db = App.Db();
            ideas = [];
            foreach (var piece in pieces)
            {
                ideas.Add(await IdeaOfAsync(db, workspace, piece));
            }
            return ideas.All(i => i is not null);
        }, "the demo's suggestions are placed", seconds: 60);
        Assert.Single(ideas.Distinct());
        return ideas[0]!.Value;
    }

    private static async Task<int?> IdeaOfAsync(Tertulia.Storage.TertuliaDb db, int workspace, string piece) =>
        await db.Suggestions.Where(s => s.WorkspaceId == workspace)
            .Join(db.Mentions, s => s.MentionId, m => m.Id, (s, m) => new { s.IdeaId, m.Text })
            .Where(x => x.Text.Contains(piece)).Select(x => (int?)x.IdeaId).FirstOrDefaultAsync();
}
