using MailKit;
using MailKit.Search;
using MimeKit;
using MimeKit.Utils;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Email;

/// <summary>
/// Answers an email over SMTP from the brand's address, with In-Reply-To and References set so the
/// customer's mail client shows the answer inside the same conversation. A copy goes to the mailbox's Sent folder,
/// as a mail client's would; with an idempotency key the Message-ID is derived from it, so a retry can look for that
/// copy before sending again.
/// </summary>
public sealed class EmailReplier(MailConnector connector, ChannelSecrets secrets, TimeProvider clock, ILogger<EmailReplier> log) : IChannelReplier
{
    public const string SentFolderName = "Sent";

    public ChannelKind Kind => ChannelKind.Email;

    public async Task<IncomingItem> ReplyAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct)
    {
        var account = secrets.Unprotect<EmailAccount>(channel);
        var mention = target.Mention;
        if (mention.Author is null || !MailboxAddress.TryParse(mention.Author, out var customer) || !customer.Address.Contains('@'))
        {
            throw new ChannelException("This message has no address to answer to.");
        }
        var now = clock.GetUtcNow();
        var message = new MimeMessage { Date = now, Subject = ReplySubject(mention.Title) };
        message.From.Add(new MailboxAddress(account.DisplayName ?? "", account.Address));
        message.To.Add(customer);
        message.MessageId = MessageIdFor(target.IdempotencyKey, account.Address);
        // Ids synthesised for messages that had no Message-ID mean nothing to the customer's client.
        var thread = target.Ancestors.Append(mention.ExternalId).Where(IsMessageId).ToList();
        if (IsMessageId(mention.ExternalId))
        {
            message.InReplyTo = mention.ExternalId;
        }
        foreach (var id in thread)
        {
            message.References.Add(id);
        }
        message.Body = new TextPart("plain") { Text = text };

        using (var smtp = await connector.OpenSmtpAsync(account, ct))
        {
            try
            {
                await smtp.SendAsync(message, ct);
                await smtp.DisconnectAsync(true, ct);
            }
            catch (Exception ex) when (MailConnector.Translate(ex, $"SMTP {account.SmtpHost}") is { } translated)
            {
                throw translated;
            }
        }
        await KeepSentCopyAsync(account, message, ct);
        return ItemOf(message, text, mention.ExternalId);
    }

    public async Task<IncomingItem?> FindSentAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct)
    {
        if (target.IdempotencyKey is null)
        {
            return null;
        }
        var account = secrets.Unprotect<EmailAccount>(channel);
        var messageId = MessageIdFor(target.IdempotencyKey, account.Address);
        using var imap = await connector.OpenImapAsync(account, ct);
        try
        {
            var sent = await SentFolderAsync(imap, create: false, ct);
            if (sent is null)
            {
                return null;
            }
            await sent.OpenAsync(FolderAccess.ReadOnly, ct);
            var found = await sent.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId), ct);
            if (found.Count == 0)
            {
                return null;
            }
            var copy = await sent.GetMessageAsync(found[0], ct);
            await imap.DisconnectAsync(true, ct);
            return ItemOf(copy, copy.TextBody ?? text, target.Mention.ExternalId);
        }
        catch (Exception ex) when (MailConnector.Translate(ex, $"IMAP {account.ImapHost}") is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The copy is what a retry looks for; a mailbox that refuses it still got the answer sent.</summary>
    private async Task KeepSentCopyAsync(EmailAccount account, MimeMessage message, CancellationToken ct)
    {
        try
        {
            using var imap = await connector.OpenImapAsync(account, ct);
            var sent = await SentFolderAsync(imap, create: true, ct);
            await sent!.AppendAsync(message, MessageFlags.Seen, ct);
            await imap.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Sent {MessageId} but could not keep a copy in {Address}'s Sent folder", message.MessageId, account.Address);
        }
    }

    private static async Task<IMailFolder?> SentFolderAsync(MailKit.Net.Imap.ImapClient imap, bool create, CancellationToken ct)
    {
        if ((imap.Capabilities & MailKit.Net.Imap.ImapCapabilities.SpecialUse) != 0 && imap.GetFolder(SpecialFolder.Sent) is { } special)
        {
            return special;
        }
        var root = imap.GetFolder(imap.PersonalNamespaces[0]);
        var folders = await root.GetSubfoldersAsync(false, ct);
        var sent = folders.FirstOrDefault(f => string.Equals(f.Name, SentFolderName, StringComparison.OrdinalIgnoreCase));
        return sent ?? (create ? await root.CreateAsync(SentFolderName, true, ct) : null);
    }

    private static IncomingItem ItemOf(MimeMessage message, string text, string parentExternalId) => new()
    {
        ExternalId = message.MessageId ?? "",
        Author = EmailMessages.AuthorOf(message.From.Mailboxes.First()),
        Published = message.Date,
        Title = message.Subject,
        Text = text,
        ParentExternalId = parentExternalId,
        IsComment = true,
        FromBrand = true,
    };

    /// <summary>The same key gives the same Message-ID, on every attempt and every node.</summary>
    public static string MessageIdFor(string? idempotencyKey, string address) =>
        idempotencyKey is null ? MimeUtils.GenerateMessageId(DomainOf(address)) : $"reply-{idempotencyKey}@{DomainOf(address)}";

    public static string ReplySubject(string? subject)
    {
        var s = subject?.Trim() ?? "";
        return s.StartsWith("re:", StringComparison.OrdinalIgnoreCase) ? s : ("Re: " + s).TrimEnd();
    }

    private static bool IsMessageId(string id) => !id.StartsWith("sha256:", StringComparison.Ordinal) && id.Contains('@');

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "tertulia.local";
    }
}
