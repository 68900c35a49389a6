using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Mentions;

namespace Tertulia.Tests.Channels;

/// <summary>The email channel against the real Dovecot + Postfix on 127.0.0.1 (scripts/servers/email.sh).</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Email:MaxMessagesPerPoll"] = "2" });
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Mail_delivered_over_smtp_becomes_a_mention_exactly_once()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectAsync(brand);
        await MailServer.SendAsync(MailServer.Message("María López <maria@cliente.example>", brand, "¿Tenéis pan sin gluten?", "Hola, ¿hacéis pan sin gluten los sábados?"));
        await MailServer.WaitForMessagesAsync(brand, 1);

        var first = await PollAsync(channel);
        var second = await PollAsync(channel);

        Assert.Equal(1, first.Added);
        Assert.Equal(0, second.Added);
        var mention = Assert.Single(await MentionsAsync(channel));
        Assert.Equal("María López <maria@cliente.example>", mention.Author);
        Assert.Equal("¿Tenéis pan sin gluten?", mention.Title);
        Assert.Contains("pan sin gluten los sábados", mention.Text);
        Assert.Equal(MentionKind.Post, mention.Kind);
    }

    [Fact]
    public async Task Replies_are_threaded_by_in_reply_to_or_references()
    {
        var brand = MailServer.NewAddress("pedidos");
        var channel = await ConnectAsync(brand);
        var question = MailServer.Message("ana@cliente.example", brand, "Pedido de roscón", "Quiero encargar un roscón para el día 6.");
        var answerByInReplyTo = MailServer.Message("ana@cliente.example", brand, "Re: Pedido de roscón",
            "Mejor que sea de nata.\n\nEl lun, 5 ene 2026, Ana escribió:\n> Quiero encargar un roscón para el día 6.", question.MessageId!, question.MessageId!);
        var answerByReferences = MailServer.Message("ana@cliente.example", brand, "Re: Pedido de roscón", "¿A qué hora abrís?", null, question.MessageId!, answerByInReplyTo.MessageId!);
        await MailServer.SendAsync(question);
        await MailServer.WaitForMessagesAsync(brand, 1);
        await MailServer.SendAsync(answerByInReplyTo);
        await MailServer.SendAsync(answerByReferences);
        await MailServer.WaitForMessagesAsync(brand, 3);

        await PollUntilDoneAsync(channel);

        var mentions = (await MentionsAsync(channel)).ToDictionary(m => m.ExternalId);
        Assert.Equal(3, mentions.Count);
        var root = mentions[question.MessageId!];
        var second = mentions[answerByInReplyTo.MessageId!];
        var third = mentions[answerByReferences.MessageId!];
        Assert.Null(root.ParentId);
        Assert.Equal(root.Id, second.ParentId);
        Assert.Equal(second.Id, third.ParentId);
        Assert.Equal(MentionKind.Comment, second.Kind);
        // The quoted conversation under a reply is not stored again.
        Assert.Equal("Mejor que sea de nata.", second.Text);
    }

    [Fact]
    public async Task An_answer_sent_from_tertulia_reaches_the_customer_threaded_and_joins_the_conversation()
    {
        var brand = MailServer.NewAddress("hola");
        var customer = MailServer.NewAddress("lucia");
        var channel = await ConnectAsync(brand);
        var question = MailServer.Message($"Lucía Pérez <{customer}>", brand, "Horario de Navidad", "¿Abrís el 24 por la tarde?");
        await MailServer.SendAsync(question);
        await MailServer.WaitForMessagesAsync(brand, 1);
        await PollAsync(channel);
        var questionMention = Assert.Single(await MentionsAsync(channel));

        var outcome = await _app.Scoped<ReplyToMention>().HandleAsync(_workspaceId, questionMention.Id,
            new ReplyToMention.Request("¡Hola, Lucía! Sí, abrimos hasta las 17:00."), CancellationToken.None);

        Assert.Null(outcome.Error);
        var received = Assert.Single(await MailServer.WaitForMessagesAsync(customer, 1));
        Assert.Equal(question.MessageId!, received.InReplyTo);
        Assert.Equal([question.MessageId!], received.References.ToArray());
        Assert.Equal("Re: Horario de Navidad", received.Subject);
        Assert.Equal(brand, received.From.Mailboxes.Single().Address);
        Assert.Contains("abrimos hasta las 17:00", received.TextBody);
        Assert.Equal(outcome.ReplyExternalId, received.MessageId!);

        // The customer answers our answer: the whole exchange is one conversation in Tertulia.
        var followUp = MailServer.Message(customer, brand, "Re: Re: Horario de Navidad", "¡Genial, gracias!", received.MessageId!, question.MessageId!, received.MessageId!);
        await MailServer.SendAsync(followUp);
        await MailServer.WaitForMessagesAsync(brand, 2);
        await PollAsync(channel);

        var mentions = (await MentionsAsync(channel)).ToDictionary(m => m.ExternalId);
        Assert.Equal(3, mentions.Count);
        var ours = mentions[received.MessageId!];
        Assert.Equal(outcome.ReplyMentionId, ours.Id);
        Assert.Equal(questionMention.Id, ours.ParentId);
        Assert.Equal(ours.Id, mentions[followUp.MessageId!].ParentId);
    }

    [Fact]
    public async Task After_downtime_the_mailbox_is_backfilled_page_by_page_without_duplicates()
    {
        var brand = MailServer.NewAddress("info");
        var channel = await ConnectAsync(brand);
        await PollAsync(channel);
        for (var i = 1; i <= 5; i++)
        {
            await MailServer.SendAsync(MailServer.Message($"cliente{i}@cliente.example", brand, $"Consulta {i}", $"Mensaje número {i}"));
        }
        await MailServer.WaitForMessagesAsync(brand, 5);

        // MaxMessagesPerPoll is 2 here: the backlog is read in pages and the channel stays due until it is done.
        await PollAsync(channel);
        await using (var db = await _app.DbAsync())
        {
            var state = await db.Channels.SingleAsync(c => c.Id == channel);
            Assert.True(state.NextPollAt <= DateTimeOffset.UtcNow);
        }
        var extraPolls = await PollUntilDoneAsync(channel);

        Assert.Equal(3, 2 + extraPolls);
        var subjects = (await MentionsAsync(channel)).Select(m => m.Title!).Order().ToList();
        Assert.Equal(["Consulta 1", "Consulta 2", "Consulta 3", "Consulta 4", "Consulta 5"], subjects);
    }

    [Fact]
    public async Task A_conversation_deleted_in_tertulia_does_not_come_back()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectAsync(brand);
        await MailServer.SendAsync(MailServer.Message("spam@cliente.example", brand, "Oferta SEO", "Posicionamos tu web."));
        await MailServer.WaitForMessagesAsync(brand, 1);
        await PollAsync(channel);
        await using (var db = await _app.DbAsync())
        {
            Assert.Equal(1, await db.Mentions.Where(m => m.ChannelId == channel).ExecuteDeleteAsync());
        }

        await MailServer.SendAsync(MailServer.Message("carmen@cliente.example", brand, "Tarta de cumpleaños", "¿Hacéis tartas por encargo?"));
        await MailServer.WaitForMessagesAsync(brand, 2);
        await PollAsync(channel);
        await PollAsync(channel);

        var mention = Assert.Single(await MentionsAsync(channel));
        Assert.Equal("Tarta de cumpleaños", mention.Title);
    }

    [Fact]
    public async Task A_renumbered_folder_is_read_again_without_importing_anything_twice()
    {
        var brand = MailServer.NewAddress("soporte");
        var first = MailServer.Message("pablo@cliente.example", brand, "Factura", "Necesito la factura de octubre.");
        var second = MailServer.Message("pablo@cliente.example", brand, "Factura (2)", "Y la de noviembre.");
        await MailServer.AppendAsync(brand, "Soporte", first, second);
        var channel = await ConnectAsync(brand, "Soporte");
        await PollUntilDoneAsync(channel);
        var before = await CursorAsync(channel);

        // Recreating the folder gives it a new UIDVALIDITY: every UID the cursor knew is meaningless now.
        await MailServer.DeleteFolderAsync(brand, "Soporte");
        var third = MailServer.Message("pablo@cliente.example", brand, "Factura (3)", "Y la de diciembre, por favor.");
        await MailServer.AppendAsync(brand, "Soporte", first, second, third);
        await PollUntilDoneAsync(channel);

        var after = await CursorAsync(channel);
        Assert.NotEqual(before.UidValidity, after.UidValidity);
        Assert.Equal(3u, after.LastUid);
        var titles = (await MentionsAsync(channel)).Select(m => m.Title!).Order().ToList();
        Assert.Equal(["Factura", "Factura (2)", "Factura (3)"], titles);
    }

    [Fact]
    public async Task A_conversation_deleted_in_tertulia_stays_deleted_when_the_folder_is_renumbered()
    {
        var brand = MailServer.NewAddress("ventas");
        var old = MailServer.Message("spam@cliente.example", brand, "Oferta SEO", "Posicionamos tu web.");
        old.Date = DateTimeOffset.UtcNow.AddDays(-3);
        await MailServer.AppendAsync(brand, "Ventas", DateTimeOffset.UtcNow.AddDays(-3), old);
        var channel = await ConnectAsync(brand, "Ventas");
        await PollUntilDoneAsync(channel);
        await using (var db = await _app.DbAsync())
        {
            Assert.Equal(1, await db.Mentions.Where(m => m.ChannelId == channel).ExecuteDeleteAsync());
        }

        // The folder is rebuilt (new UIDVALIDITY) with the old message, as delivered three days ago, and a new one.
        await MailServer.DeleteFolderAsync(brand, "Ventas");
        await MailServer.AppendAsync(brand, "Ventas", DateTimeOffset.UtcNow.AddDays(-3), old);
        await MailServer.AppendAsync(brand, "Ventas", MailServer.Message("julia@cliente.example", brand, "Pedido", "Dos hogazas, por favor."));
        await PollUntilDoneAsync(channel);

        Assert.Equal(["Pedido"], (await MentionsAsync(channel)).Select(m => m.Title!).ToList());
    }

    [Fact]
    public async Task A_malformed_email_is_reported_and_skipped_and_the_others_are_ingested()
    {
        var brand = MailServer.NewAddress("hola");
        var good = MailServer.Message("rosa@cliente.example", brand, "Felicidades", "Las magdalenas, buenísimas.");
        var noSender = new MimeMessage { Subject = "???" };
        noSender.To.Add(MailboxAddress.Parse(brand));
        noSender.Body = new TextPart("plain") { Text = "sin remitente" };
        var alsoGood = MailServer.Message("rosa@cliente.example", brand, "Otra cosa", "¿Vendéis café para llevar?");
        await MailServer.AppendAsync(brand, "INBOX", good, noSender, alsoGood);
        var channel = await ConnectAsync(brand);

        await PollUntilDoneAsync(channel);

        Assert.Equal(["Felicidades", "Otra cosa"], (await MentionsAsync(channel)).Select(m => m.Title!).Order().ToList());
        await using var db = await _app.DbAsync();
        var state = await db.Channels.SingleAsync(c => c.Id == channel);
        Assert.Equal("warning", ChannelsApi.StateOf(state));
        Assert.Contains("UID 2", state.LastError);
        Assert.Contains("no sender", state.LastError);
    }

    [Fact]
    public async Task Mailbox_passwords_are_stored_encrypted_and_readable_after_a_restart()
    {
        var brand = MailServer.NewAddress("hola");
        var channel = await ConnectAsync(brand);
        var database = await _app.StopKeepingDatabaseAsync();
        Assert.DoesNotContain(MailServer.Password, await ChannelTestApp.StoredTextAsync(database, _app.Folder));
        if (database.Kind == Tertulia.Storage.StoreKind.Sqlite)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(_app.Folder, "keys"), "key-*.xml"));
        }

        // Same data, new process-level state: the key ring (beside the SQLite file, or in PostgreSQL for every node)
        // still opens the credentials.
        _app = await ChannelTestApp.StartAsync(folder: _app.Folder, database: database);
        await MailServer.SendAsync(MailServer.Message("luis@cliente.example", brand, "Reinicio", "¿Seguís ahí?"));
        await MailServer.WaitForMessagesAsync(brand, 1);
        Assert.Equal(1, (await PollAsync(channel)).Added);
    }

    [Fact]
    public async Task Through_the_API_a_mailbox_is_connected_with_201_and_a_wrong_password_is_a_400_with_the_reason()
    {
        using var http = _app.NewHttpClient();
        var address = MailServer.NewAddress("hola");
        var url = $"/api/workspaces/{_workspaceId}/channels/email";

        var refused = await http.PostAsJsonAsync(url, MailServer.ChannelRequest(address) with { Password = "no-es-esta" });
        var connected = await http.PostAsJsonAsync(url, MailServer.ChannelRequest(address));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The mailbox cannot be connected", problem);
        Assert.Contains("refused the user name or password", problem);
        Assert.Equal(System.Net.HttpStatusCode.Created, connected.StatusCode);
        Assert.Matches($"/api/workspaces/{_workspaceId}/channels/\\d+$", connected.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_when_the_mailbox_is_connected()
    {
        var request = MailServer.ChannelRequest(MailServer.NewAddress("hola")) with { Password = "no-es-esta" };

        var outcome = await _app.Scoped<AddEmailChannel>().HandleAsync(_workspaceId, request, CancellationToken.None);

        Assert.Null(outcome.Channel);
        Assert.Contains("refused the user name or password", outcome.Error);
    }

    [Fact]
    public async Task New_mail_is_read_at_once_where_the_server_offers_idle()
    {
        // The poll loop runs but its tick and the channel's interval are long: only IDLE can explain a prompt read.
        await using var app = await ChannelTestApp.StartAsync(new Dictionary<string, string?> { ["Tertulia:Polling:Tick"] = "00:10:00" }, polling: true);
        var workspace = await app.CreateWorkspaceAsync();
        var brand = MailServer.NewAddress("hola");
        var outcome = await app.Scoped<AddEmailChannel>().HandleAsync(workspace.Id, MailServer.ChannelRequest(brand) with { PollMinutes = 60 }, CancellationToken.None);
        var channel = outcome.Channel!.Id;
        var watcher = app.Get<EmailIdleWatcher>();
        await Support.TestApp.Eventually(async () =>
        {
            await using var db = await app.DbAsync();
            return watcher.IsIdling(channel) && (await db.Channels.SingleAsync(c => c.Id == channel)).LastPolledAt is not null;
        }, "the mailbox is read once and then watched with IDLE");

        await MailServer.SendAsync(MailServer.Message("jorge@cliente.example", brand, "Urgente", "¿Me guardáis dos barras?"));

        await Support.TestApp.Eventually(async () =>
        {
            await using var db = await app.DbAsync();
            return await db.Mentions.AnyAsync(m => m.ChannelId == channel && m.Title == "Urgente");
        }, "the new mail is stored without waiting for the poll interval");
    }

    private async Task<int> ConnectAsync(string address, string folder = "INBOX")
    {
        var outcome = await _app.Scoped<AddEmailChannel>().HandleAsync(_workspaceId, MailServer.ChannelRequest(address, folder), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    private async Task<Tertulia.Ingestion.IngestResult> PollAsync(int channelId) =>
        await _app.Scoped<ChannelPoller>().PollAsync(channelId, CancellationToken.None);

    /// <summary>Polls while the channel says it has more to read; returns how many extra polls that took.</summary>
    private async Task<int> PollUntilDoneAsync(int channelId)
    {
        await PollAsync(channelId);
        for (var extra = 0; extra < 20; extra++)
        {
            await using var db = await _app.DbAsync();
            var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
            Assert.Null(channel.ErrorCount > 0 ? channel.LastError : null);
            if (channel.NextPollAt > DateTimeOffset.UtcNow)
            {
                return extra;
            }
            await PollAsync(channelId);
        }
        throw new InvalidOperationException("The channel kept asking for more.");
    }

    private async Task<List<Mention>> MentionsAsync(int channelId)
    {
        await using var db = await _app.DbAsync();
        return await db.Mentions.AsNoTracking().Where(m => m.ChannelId == channelId).OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<EmailCursor> CursorAsync(int channelId)
    {
        await using var db = await _app.DbAsync();
        return EmailCursor.Parse((await db.Channels.SingleAsync(c => c.Id == channelId)).Cursor);
    }
}
