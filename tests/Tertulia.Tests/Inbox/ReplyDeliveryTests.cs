using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Channels.Mastodon;
using Tertulia.Inbox;
using Tertulia.Tests.Channels;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Inbox;

/// <summary>
/// Answers leave through the customer's own channel — real Postfix/Dovecot and snac2 — exactly once, even when the
/// sender dies between sending and recording. The outbox worker is off: each test drives it step by step.
/// </summary>
public sealed class ReplyDeliveryTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Tertulia:Inbox:Enabled"] = "false",
            ["Tertulia:Inbox:ReplyLease"] = "00:00:01",
        });
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ReplyOutbox Outbox => _app.Get<ReplyOutbox>();

    [Fact]
    public async Task An_email_answer_goes_back_to_the_customer_once_and_is_the_brands_message_in_the_conversation()
    {
        var (brand, customer, channel, conversation, question) = await EmailConversationAsync();

        var queued = await _app.Get<SendReply>().HandleAsync(_workspaceId, conversation.Id, "user-lucia", "¡Hola! Sí, abrimos el domingo de 9 a 14.", CancellationToken.None);
        Assert.Null(queued.Error);
        Assert.Equal(ReplyState.Sending, (await ReplyAsync(queued.ReplyId!.Value)).State);

        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await Outbox.SendDueAsync(CancellationToken.None));

        var received = Assert.Single(await MailServer.WaitForMessagesAsync(customer, 1));
        Assert.Equal(question.MessageId, received.InReplyTo);
        Assert.Equal("Re: ¿Abrís el domingo?", received.Subject);
        var reply = await ReplyAsync(queued.ReplyId!.Value);
        Assert.Equal(ReplyState.Sent, reply.State);
        Assert.Equal(received.MessageId, reply.SentExternalId);
        var view = (await _app.Get<ConversationDetail>().LoadAsync(_workspaceId, conversation.Id, CancellationToken.None))!;
        Assert.Equal([false, true], view.Messages.Select(m => m.FromBrand).ToList());
        Assert.Equal(reply.Id, view.Messages[1].ReplyId);
        Assert.Empty(view.Replies);
        Assert.NotNull(view.TimeToFirstResponse);
        Assert.Contains(view.History, e => e.Kind == ConversationEvents.ReplySent && e.ActorId == "user-lucia");
        var metrics = await _app.Get<InboxMetrics>().ForAsync(_workspaceId, null, null, CancellationToken.None);
        Assert.Equal(1, metrics.Answered);
        _ = brand;
        _ = channel;
    }

    [Fact]
    public async Task A_sender_that_dies_after_sending_an_email_before_recording_it_does_not_send_it_twice()
    {
        var (_, customer, _, conversation, _) = await EmailConversationAsync();
        var queued = await _app.Get<SendReply>().HandleAsync(_workspaceId, conversation.Id, null, "Os guardamos dos roscones.", CancellationToken.None);

        // The worker claims the answer and sends it through SMTP… and dies before recording anything.
        var claimed = Assert.Single(await Outbox.ClaimDueAsync(CancellationToken.None));
        var attempt = (await Outbox.PrepareAsync(claimed, CancellationToken.None))!;
        await attempt.Replier.ReplyAsync(attempt.Channel, attempt.Target, claimed.Text, CancellationToken.None);
        Assert.Equal(ReplyState.Sending, (await ReplyAsync(queued.ReplyId!.Value)).State);
        await MailServer.WaitForMessagesAsync(customer, 1);

        // Another worker takes it up once the lease lapses.
        Assert.Empty(await Outbox.ClaimDueAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));

        var reply = await ReplyAsync(queued.ReplyId!.Value);
        Assert.Equal(ReplyState.Sent, reply.State);
        Assert.Equal(2, reply.Attempts);
        Assert.Equal(EmailReplier.MessageIdFor(reply.IdempotencyKey, "x@panaderia.test"), reply.SentExternalId);
        // Postfix delivers in well under a second here: a second copy would have arrived.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var inbox = await MailServer.WaitForMessagesAsync(customer, 1);
        Assert.Single(inbox);
        Assert.Equal(reply.SentExternalId, inbox[0].MessageId);
        var view = (await _app.Get<ConversationDetail>().LoadAsync(_workspaceId, conversation.Id, CancellationToken.None))!;
        Assert.Single(view.Messages, m => m.FromBrand);
    }

    [Fact]
    public async Task A_sender_that_dies_after_posting_to_mastodon_before_recording_it_does_not_post_it_twice()
    {
        var channel = await ConnectMastodonAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var question = await MastodonServer.PostAsCustomerAsync($"@laespiga ¿tenéis empanada hoy? {marker}");
        var conversation = await HeardAsync(channel, question);
        var text = $"¡Sí, de atún y de carne! {marker}";
        var queued = await _app.Get<SendReply>().HandleAsync(_workspaceId, conversation.Id, null, text, CancellationToken.None);

        var claimed = Assert.Single(await Outbox.ClaimDueAsync(CancellationToken.None));
        var attempt = (await Outbox.PrepareAsync(claimed, CancellationToken.None))!;
        var posted = await attempt.Replier.ReplyAsync(attempt.Channel, attempt.Target, claimed.Text, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));

        var reply = await ReplyAsync(queued.ReplyId!.Value);
        Assert.Equal(ReplyState.Sent, reply.State);
        Assert.Equal(posted.ExternalId, reply.SentExternalId);
        async Task<int> AnswersAsync() => (await MastodonServer.RepliesToAsync(question))
            .Count(r => r.GetProperty("content").GetString()!.Contains(marker));
        // snac delivers to the customer's server a few seconds late; then there is exactly one answer.
        await TestApp.Eventually(async () => await AnswersAsync() > 0, "the customer sees the answer", seconds: 40);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await AnswersAsync());
    }

    [Fact]
    public async Task An_answer_the_channel_refuses_fails_with_the_reason_and_can_be_retried()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectEmailAsync(brand);
        // A message whose sender has no address to answer to.
        await MailServer.AppendAsync(brand, "INBOX", MailServer.Message("Sin Remite <nadie@cliente.example>", brand, "Sin remite", "¿Hola?"));
        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        await using (var db = await _app.DbAsync())
        {
            await db.Mentions.Where(m => m.ChannelId == channel).ExecuteUpdateAsync(s => s.SetProperty(m => m.Author, "Sin Remite"));
        }
        var conversation = await ConversationOfChannelAsync(channel);
        var queued = await _app.Get<SendReply>().HandleAsync(_workspaceId, conversation.Id, null, "Hola", CancellationToken.None);

        Assert.Equal(0, await Outbox.SendDueAsync(CancellationToken.None));
        var failed = await ReplyAsync(queued.ReplyId!.Value);
        Assert.Equal(ReplyState.Failed, failed.State);
        Assert.Contains("no address to answer to", failed.FailureReason);
        var view = (await _app.Get<ConversationDetail>().LoadAsync(_workspaceId, conversation.Id, CancellationToken.None))!;
        Assert.Equal(ReplyState.Failed, Assert.Single(view.Replies).State);

        // The address is fixed; the agent retries the same answer.
        await using (var db = await _app.DbAsync())
        {
            await db.Mentions.Where(m => m.ChannelId == channel).ExecuteUpdateAsync(s => s.SetProperty(m => m.Author, "Sin Remite <" + MailServer.NewAddress("remite") + ">"));
        }
        var retried = await _app.Get<SendReply>().RetryAsync(_workspaceId, conversation.Id, failed.Id, null, CancellationToken.None);
        Assert.Null(retried.Error);
        Assert.NotNull((await _app.Get<SendReply>().RetryAsync(_workspaceId, conversation.Id, failed.Id, null, CancellationToken.None)).Error);
        Assert.Equal(1, await Outbox.SendDueAsync(CancellationToken.None));
        var sent = await ReplyAsync(failed.Id);
        Assert.Equal(ReplyState.Sent, sent.State);
        Assert.Null(sent.FailureReason);
    }

    private async Task<(string Brand, string Customer, int Channel, Conversation Conversation, MimeMessage Question)> EmailConversationAsync()
    {
        var brand = MailServer.NewAddress("hola");
        var customer = MailServer.NewAddress("cliente");
        var channel = await ConnectEmailAsync(brand);
        var question = MailServer.Message($"Lucía <{customer}>", brand, "¿Abrís el domingo?", "Hola, ¿abrís el domingo por la mañana?");
        await MailServer.SendAsync(question);
        await MailServer.WaitForMessagesAsync(brand, 1);
        await _app.Scoped<ChannelPoller>().PollAsync(channel, CancellationToken.None);
        return (brand, customer, channel, await ConversationOfChannelAsync(channel), question);
    }

    private async Task<Conversation> ConversationOfChannelAsync(int channel)
    {
        await using var db = await _app.DbAsync();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.ChannelId == channel);
    }

    private async Task<Reply> ReplyAsync(long id)
    {
        await using var db = await _app.DbAsync();
        return await db.Replies.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<int> ConnectEmailAsync(string address)
    {
        var outcome = await _app.Scoped<AddEmailChannel>().HandleAsync(_workspaceId, MailServer.ChannelRequest(address), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<int> ConnectMastodonAsync()
    {
        var outcome = await _app.Scoped<AddMastodonChannel>().HandleAsync(_workspaceId,
            new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken, []), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<Conversation> HeardAsync(int channelId, string statusId)
    {
        Conversation? found = null;
        await TestApp.Eventually(async () =>
        {
            await _app.Scoped<ChannelPoller>().PollAsync(channelId, CancellationToken.None);
            await using var db = await _app.DbAsync();
            var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.ChannelId == channelId && m.ExternalId == statusId);
            found = mention is null ? null : await db.Conversations.AsNoTracking()
                .Join(db.ConversationMessages.Where(cm => cm.MentionId == mention.Id), c => c.Id, cm => cm.ConversationId, (c, _) => c)
                .SingleOrDefaultAsync();
            return found is not null;
        }, $"status {statusId} is heard", seconds: 40);
        return found!;
    }
}
