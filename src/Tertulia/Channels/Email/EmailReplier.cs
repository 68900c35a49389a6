using MimeKit;
using MimeKit.Utils;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Email;

/// <summary>
/// Answers an email over SMTP from the brand's address, with In-Reply-To and References set so the
/// customer's mail client shows the answer inside the same conversation.
/// </summary>
public sealed class EmailReplier(MailConnector connector, ChannelSecrets secrets, TimeProvider clock) : IChannelReplier
{
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
        message.MessageId = MimeUtils.GenerateMessageId(DomainOf(account.Address));
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

        using var smtp = await connector.OpenSmtpAsync(account, ct);
        try
        {
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (MailConnector.Translate(ex, $"SMTP {account.SmtpHost}") is { } translated)
        {
            throw translated;
        }

        return new IncomingItem
        {
            ExternalId = message.MessageId,
            Author = EmailMessages.AuthorOf(message.From.Mailboxes.First()),
            Published = now,
            Title = message.Subject,
            Text = text,
            ParentExternalId = mention.ExternalId,
            IsComment = true,
            FromBrand = true,
        };
    }

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
