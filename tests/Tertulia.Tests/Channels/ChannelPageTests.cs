using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tertulia.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Channels;

/// <summary>The channel page and the import upload, in Debian's Chromium against the running app.</summary>
public sealed class ChannelPageTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private FeedServer _feeds = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Polling:Tick"] = "00:00:00.200" }, polling: true);
        _feeds = await FeedServer.StartAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _feeds.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_channel_page_shows_the_last_error_and_poll_now_reads_the_channel_again()
    {
        var url = _feeds.Url("/blog/feed");
        var channel = (await _app.Scoped<AddFeedChannel>().HandleAsync(_workspaceId, new AddFeedChannel.Request(url, "Blog de la panadería"), CancellationToken.None)).Channel!.Id;
        await TestApp.Eventually(async () => (await StateAsync(channel)).ErrorCount > 0, "the first read fails (404)");
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);

        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}/c/{channel}");

        Assert.Equal("Con errores", await page.InnerTextAsync("#channel-state"));
        Assert.Contains("404", await page.InnerTextAsync("#channel-last-error"));
        Assert.Equal("Nunca", await page.InnerTextAsync("#channel-last-success"));

        _feeds.Serve("/blog/feed", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Blog</title><link>{base}/blog</link>
            <item><title>Ya tenemos turrón</title><link>{base}/blog/turron</link><guid>turron</guid><description>Artesano.</description></item>
            </channel></rss>
            """);
        await page.ClickAsync("#poll-now");
        await TestApp.Eventually(async () => (await StateAsync(channel)).LastSuccessAt is not null, "poll now reads the channel");
        await page.ReloadAsync();

        Assert.Equal("Funciona", await page.InnerTextAsync("#channel-state"));
        Assert.Equal(0, await page.Locator("#channel-last-error").CountAsync());
        Assert.Contains("Ya tenemos turrón", await page.InnerTextAsync(".mention-list"));
    }

    [Fact]
    public async Task A_file_uploaded_from_the_workspace_page_is_imported_and_its_bad_rows_listed()
    {
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");

        await page.SetInputFilesAsync("#importFile", Path.Combine(AppContext.BaseDirectory, "testdata", "imports", "opiniones.csv"));
        await page.SelectOptionAsync("#importFormat", "csv");
        await page.FillAsync("#importMap", "Cliente=author,Comentario=text");
        await page.ClickAsync("#import button[type=submit]");

        var report = await page.InnerTextAsync("#import-report");
        Assert.Contains("3 nuevas, 0 ya estaban, 3 filas omitidas", report);
        Assert.Contains("line 5", report);
        await page.ClickAsync("a.channel-name:has-text('Importación CSV')");
        Assert.Equal("Leído, con elementos omitidos", await page.InnerTextAsync("#channel-state"));
        Assert.Contains("line 5", await page.InnerTextAsync("#channel-last-error"));
        Assert.Contains("Pedro S.", await page.InnerTextAsync(".mention-list"));
    }

    [Fact]
    public async Task A_mailbox_connected_from_the_workspace_page_is_read_and_shown_on_its_channel_page()
    {
        var brand = MailServer.NewAddress("hola");
        await MailServer.SendAsync(MailServer.Message("Ana <ana@cliente.example>", brand, "¿Hacéis envíos?", "A Chamberí, por favor."));
        await MailServer.WaitForMessagesAsync(brand, 1);
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");

        await page.ClickAsync("#connect-email summary");
        await page.FillAsync("#emailAddress", brand);
        await page.FillAsync("#emailPassword", MailServer.Password);
        await page.FillAsync("#imapHost", "127.0.0.1");
        await page.FillAsync("input[name=imapPort]", MailServer.ImapPort.ToString());
        await page.FillAsync("#smtpHost", "127.0.0.1");
        await page.FillAsync("input[name=smtpPort]", MailServer.SmtpPort.ToString());
        await page.SelectOptionAsync("#imapSecurity", "None");
        await page.SelectOptionAsync("select[name=smtpSecurity]", "None");
        await page.ClickAsync("#connect-email button[type=submit]");

        await page.WaitForPathAsync(path => path.Contains("/c/"));
        Assert.Contains(brand, await page.InnerTextAsync(".channel-page h1"));
        await TestApp.Eventually(async () =>
        {
            await page.ReloadAsync();
            return (await page.InnerTextAsync(".mentions")).Contains("¿Hacéis envíos?");
        }, "the mailbox is read and its message listed");
        Assert.Equal("Funciona", await page.InnerTextAsync("#channel-state"));
    }

    [Fact]
    public async Task A_webhook_created_from_the_workspace_page_shows_its_secret_once()
    {
        var page = await _browser.SignedInPageAsync(_app.BaseAddress.ToString(), _app.Owner);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");

        await page.ClickAsync("#create-webhook summary");
        await page.FillAsync("#webhookName", "Formulario de la web");
        await page.ClickAsync("#create-webhook button[type=submit]");

        var secret = await page.InnerTextAsync("#webhook-secret");
        Assert.True(secret.Length >= 40, secret);
        await page.GotoAsync($"{_app.BaseAddress}w/{_workspaceId}");
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }

    private async Task<Channel> StateAsync(int channelId)
    {
        await using var db = await _app.DbAsync();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
    }
}
