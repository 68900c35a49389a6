using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tertulia.Access;
using Tertulia.Channels.Email;
using Tertulia.Inbox;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Inbox;

/// <summary>An agent's day in the inbox, in Debian's Chromium, answering through the real email channel (Postfix/Dovecot).</summary>
public sealed class InboxBrowserTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Tertulia:Inbox:Tick"] = "00:00:00.300" });
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_takes_an_unassigned_conversation_answers_with_a_canned_response_by_email_and_resolves_it_and_a_viewer_cannot_reply()
    {
        var workspace = await _app.CreateWorkspaceAsync("Horno El Candeal");
        var brand = MailServer.NewAddress("hola");
        var customer = MailServer.NewAddress("lucia");
        using (var scope = _app.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<AddEmailChannel>().HandleAsync(workspace, MailServer.ChannelRequest(brand), CancellationToken.None);
            Assert.Null(added.Error);
        }
        var inbox = new InboxClient(_app.Http, workspace);
        await inbox.PostAsync("canned", new { shortcut = "horario", text = "¡Hola, {nombre}! En {marca} abrimos de 8:00 a 14:00." }, HttpStatusCode.Created);
        await MailServer.SendAsync(MailServer.Message($"Lucía Pérez <{customer}>", brand, "¿Horario del domingo?", "¿A qué hora abrís el domingo?"));
        await TestApp.Eventually(async () => (await inbox.ListAsync("view=unassigned")).Count == 1, "the customer's email is an unassigned conversation", seconds: 60);

        var agent = await _app.UserForAsync(WorkspaceRole.Agent, workspace);
        var page = await _browser.SignedInPageAsync(_app.BaseUrl, agent);
        await page.GotoAsync($"{_app.BaseUrl}/w/{workspace}/inbox?view=unassigned");
        await page.ClickAsync(".conversation-row");
        await Assertions.Expect(page.Locator(".conversation-head h1")).ToHaveTextAsync("¿Horario del domingo?");

        // The customer column leads to the contact's profile, where everything they said on any channel is.
        await Assertions.Expect(page.Locator(".inbox-contact a.contact-profile")).ToHaveAttributeAsync("href",
            new System.Text.RegularExpressions.Regex($"^/w/{workspace}/contacts/\\d+$"));

        // The picker lists who can answer; giving it back leaves it unassigned, and "a" takes it.
        await page.SelectOptionAsync("#assignee", agent.Id);
        await Assertions.Expect(page.Locator("#conversation-assignee")).ToHaveTextAsync("Asignada a ti");
        await page.SelectOptionAsync("#assignee", "");
        await Assertions.Expect(page.Locator("#conversation-assignee")).ToHaveTextAsync("Sin asignar");
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.Locator("#conversation-assignee")).ToHaveTextAsync("Asignada a ti");

        await page.SelectOptionAsync("#canned", new SelectOptionValue { Label = "/horario" });
        await Assertions.Expect(page.Locator("#reply-text")).ToHaveValueAsync("¡Hola, Lucía! En Horno El Candeal abrimos de 8:00 a 14:00.");
        await page.ClickAsync("#reply-form button[type=submit]");
        await Assertions.Expect(page.Locator(".message.from-brand .delivery-sent")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var received = Assert.Single(await MailServer.WaitForMessagesAsync(customer, 1));
        Assert.Contains("¡Hola, Lucía! En Horno El Candeal abrimos de 8:00 a 14:00.", received.TextBody);

        await page.Keyboard.PressAsync("e");
        await Assertions.Expect(page.Locator("#conversation-status")).ToHaveTextAsync("Resueltas");
        await using (var db = _app.Db())
        {
            var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.WorkspaceId == workspace);
            Assert.Equal(ConversationStatus.Resolved, conversation.Status);
            Assert.Equal(agent.Id, conversation.AssigneeId);
            Assert.NotNull(conversation.FirstResponseAt);
        }

        // A viewer reads the conversation but has nothing to answer with, and the API refuses them.
        var viewer = await _app.UserForAsync(WorkspaceRole.Viewer, workspace);
        var viewerPage = await _browser.SignedInPageAsync(_app.BaseUrl, viewer);
        var id = InboxClient.Id(Assert.Single(await inbox.ListAsync("status=resolved")));
        await viewerPage.GotoAsync($"{_app.BaseUrl}/w/{workspace}/inbox/{id}");
        await Assertions.Expect(viewerPage.Locator(".message.from-brand")).ToHaveCountAsync(1);
        await Assertions.Expect(viewerPage.Locator("#reply-form")).ToHaveCountAsync(0);
        using var viewerApi = _app.ClientAs(viewer);
        var refused = await viewerApi.PostAsJsonAsync($"{inbox.Base}/conversations/{id}/replies", new { text = "Hola" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var list = await viewerApi.GetFromJsonAsync<JsonElement>($"{inbox.Base}/conversations?status=resolved");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }
}
