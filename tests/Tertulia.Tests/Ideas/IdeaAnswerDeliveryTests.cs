using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Channels.Mastodon;
using Tertulia.Ideas;
using Tertulia.Inbox;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Ideas;

/// <summary>
/// When an idea changes status, every customer who suggested it is answered on the channel they used — real
/// Postfix/Dovecot and snac2 — through the inbox's outbox, once: the same status again, a round trip through another
/// status, or answering customers who joined later never reaches anyone twice. The outbox worker is off: each test
/// drives it.
/// </summary>
public sealed class IdeaAnswerDeliveryTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    private const string Reason = "Nuestro obrador es pequeño y la harina vuela: no podemos garantizar que no haya trazas de gluten.";

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tertulia:Inbox:Enabled"] = "false",
            ["Tertulia:Ideas:BackfillEnabled"] = "false",
        });
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ReplyOutbox Outbox => _app.Get<ReplyOutbox>();
    private ChangeIdeaStatus Change => _app.Get<ChangeIdeaStatus>();

    [Fact]
    public async Task Declining_an_idea_answers_each_customer_by_email_once_in_their_language_with_the_reason()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectEmailAsync(brand);
        var lucia = MailServer.NewAddress("lucia");
        var emma = MailServer.NewAddress("emma");
        await MailServer.SendAsync(MailServer.Message($"Lucía Gómez <{lucia}>", brand, "Una idea", "Hola! Estaría bien que tuvierais pan sin gluten, mi hija es celíaca y siempre nos vamos sin nada."));
        await MailServer.SendAsync(MailServer.Message($"Emma Clarke <{emma}>", brand, "Gluten free?", "Hi! It would be great if you had gluten-free bread, my partner is coeliac."));
        await MailServer.WaitForMessagesAsync(brand, 2);
        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        var idea = await SingleIdeaAsync();

        var declined = await Change.HandleAsync(_workspaceId, idea, "user-marta", new ChangeIdeaStatus.Request(IdeaStatus.Declined, Reason), CancellationToken.None);
        Assert.Null(declined.Error);
        Assert.Equal(2, declined.Queued);
        Assert.Equal(2, await Outbox.SendDueAsync(CancellationToken.None));

        var toLucia = Assert.Single(await MailServer.WaitForMessagesAsync(lucia, 1));
        Assert.Equal("Re: Una idea", toLucia.Subject);
        Assert.StartsWith("Hola, Lucía.", toLucia.TextBody!.Trim());
        Assert.Contains(Reason, toLucia.TextBody);
        var toEmma = Assert.Single(await MailServer.WaitForMessagesAsync(emma, 1));
        Assert.StartsWith("Hi Emma, thanks for suggesting", toEmma.TextBody!.Trim());
        Assert.Contains(Reason, toEmma.TextBody);

        // The same news again, or after a round trip through another status: nobody is told twice.
        Assert.Equal(0, (await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.Declined), CancellationToken.None)).Queued);
        Assert.Equal(0, (await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.New), CancellationToken.None)).Queued);
        Assert.Equal(0, (await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.Declined), CancellationToken.None)).Queued);
        Assert.Equal(0, await Outbox.SendDueAsync(CancellationToken.None));

        // A customer who asks later is answered when the team answers the rest — only them.
        var pablo = MailServer.NewAddress("pablo");
        await MailServer.SendAsync(MailServer.Message($"Pablo <{pablo}>", brand, "Sin gluten", "Deberíais sacar pan sin gluten, aunque sea por encargo"));
        await MailServer.WaitForMessagesAsync(brand, 3);
        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        Assert.Equal(idea, await SingleIdeaAsync());
        Assert.Equal(1, (await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.Declined), CancellationToken.None)).Queued);
        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));
        Assert.Single(await MailServer.WaitForMessagesAsync(pablo, 1));

        // Postfix delivers in well under a second here: a second copy would have arrived.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await MailServer.WaitForMessagesAsync(lucia, 1));
        Assert.Single(await MailServer.WaitForMessagesAsync(emma, 1));

        // The idea shows who has been answered, and each answer is the brand's message in its conversation.
        var view = (await _app.Get<IdeaBoardQueries>().LoadAsync(_workspaceId, idea, CancellationToken.None))!;
        Assert.Equal(3, view.Summary.Answered);
        Assert.All(view.Suggestions, s => Assert.Equal(ReplyState.Sent, s.Answer!.State));
        await using var db = await _app.DbAsync();
        Assert.Equal(3, await db.Replies.CountAsync(r => r.WorkspaceId == _workspaceId && r.State == ReplyState.Sent));
        Assert.Equal(3, await db.ConversationMessages.Join(db.Conversations.Where(c => c.WorkspaceId == _workspaceId), m => m.ConversationId, c => c.Id, (m, _) => m).CountAsync(m => m.FromBrand));
    }

    [Fact]
    public async Task The_teams_own_wording_is_what_customers_receive()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectEmailAsync(brand);
        var ana = MailServer.NewAddress("ana");
        await MailServer.SendAsync(MailServer.Message($"Ana <{ana}>", brand, "Domingos", "Me gustaría que abrierais los domingos por la tarde"));
        await MailServer.WaitForMessagesAsync(brand, 1);
        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        var idea = await SingleIdeaAsync();
        Assert.Null(await _app.Get<IdeaTemplates>().SaveAsync(_workspaceId, IdeaStatus.Planned, "es", "{name}, ¡lo haremos! {answer} — Horno", CancellationToken.None));

        var planned = await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.Planned, "Desde marzo abrimos los domingos hasta las 18:00."), CancellationToken.None);
        Assert.Equal(1, planned.Queued);
        await Outbox.SendDueAsync(CancellationToken.None);
        var mail = Assert.Single(await MailServer.WaitForMessagesAsync(ana, 1));
        Assert.Equal("Ana, ¡lo haremos! Desde marzo abrimos los domingos hasta las 18:00. — Horno", mail.TextBody!.Trim());
    }

    [Fact]
    public async Task A_suggestion_made_on_mastodon_is_answered_on_mastodon_once()
    {
        var outcome = await _app.Scoped<AddMastodonChannel>().HandleAsync(_workspaceId,
            new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken, []), CancellationToken.None);
        Assert.Null(outcome.Error);
        var channel = outcome.Channel!.Id;
        var marker = Guid.NewGuid().ToString("N")[..8];
        var status = await MastodonServer.PostAsCustomerAsync($"@laespiga estaría genial que abrierais los domingos por la tarde {marker}");
        await TestApp.Eventually(async () =>
        {
            await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
            await using var db = await _app.DbAsync();
            // This status, not any: snac2 keeps the toots of earlier runs, and the channel hears those too.
            return await db.Suggestions.Where(s => s.WorkspaceId == _workspaceId)
                .Join(db.Mentions, s => s.MentionId, m => m.Id, (_, m) => m.ExternalId).AnyAsync(id => id == status);
        }, "the suggestion is heard", seconds: 40);
        var idea = await SingleIdeaAsync();

        var planned = await Change.HandleAsync(_workspaceId, idea, null,
            new ChangeIdeaStatus.Request(IdeaStatus.Planned, $"Desde marzo, los domingos hasta las 18:00 ({marker})."), CancellationToken.None);
        Assert.Equal(1, planned.Queued);
        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, (await Change.HandleAsync(_workspaceId, idea, null, new ChangeIdeaStatus.Request(IdeaStatus.Planned), CancellationToken.None)).Queued);

        async Task<int> AnswersAsync() => (await MastodonServer.RepliesToAsync(status))
            .Count(r => r.GetProperty("content").GetString()!.Contains(marker));
        await TestApp.Eventually(async () => await AnswersAsync() > 0, "the customer sees the answer", seconds: 40);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await AnswersAsync());
    }

    private async Task<int> SingleIdeaAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.Ideas.Where(i => i.WorkspaceId == _workspaceId).Select(i => i.Id).SingleAsync();
    }

    private async Task<int> ConnectEmailAsync(string address)
    {
        var outcome = await _app.Scoped<AddEmailChannel>().HandleAsync(_workspaceId, MailServer.ChannelRequest(address), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }
}
