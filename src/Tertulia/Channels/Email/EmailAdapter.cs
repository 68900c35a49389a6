using System.Text.Json;
using MailKit;
using MimeKit;
using Microsoft.Extensions.Options;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Email;

/// <summary>
/// Listens to a mailbox over IMAP. The cursor is the folder's UIDVALIDITY with the last UID read: a message
/// is read once, a poll after downtime reads everything that arrived meanwhile, and when the server renumbers
/// the folder (new UIDVALIDITY) the folder is read again and the pipeline drops what it has by Message-ID.
/// </summary>
public sealed class EmailAdapter(MailConnector connector, ChannelSecrets secrets, IOptions<EmailOptions> options) : IChannelAdapter
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct)
    {
        var account = secrets.Unprotect<EmailAccount>(channel);
        var cursor = EmailCursor.Parse(channel.Cursor);
        using var imap = await connector.OpenImapAsync(account, ct);
        try
        {
            var folder = await imap.GetFolderAsync(account.Folder, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            var poll = await ReadNewAsync(folder, cursor, ct);
            await imap.DisconnectAsync(true, ct);
            return poll;
        }
        catch (FolderNotFoundException ex)
        {
            throw new ChannelException($"The mailbox has no folder '{account.Folder}'.", ex);
        }
        catch (Exception ex) when (MailConnector.Translate(ex, $"IMAP {account.ImapHost}") is { } translated && ex is not ChannelException)
        {
            throw translated;
        }
    }

    private async Task<ChannelPoll> ReadNewAsync(IMailFolder folder, EmailCursor cursor, CancellationToken ct)
    {
        var resync = cursor.UidValidity != folder.UidValidity;
        var lastUid = resync ? 0u : cursor.LastUid;
        var items = new List<IncomingItem>();
        var skipped = new List<SkippedItem>();
        if (folder.Count == 0)
        {
            return Poll(items, skipped, folder.UidValidity, lastUid, hasMore: false);
        }

        // "N:*" always returns the newest message, even when its UID is below N: filter.
        var range = new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue);
        var summaries = await folder.FetchAsync(range, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, ct);
        var pending = summaries.Where(s => s.UniqueId.Id > lastUid).OrderBy(s => s.UniqueId.Id).ToList();
        var page = pending.Take(options.Value.MaxMessagesPerPoll).ToList();
        foreach (var summary in page)
        {
            var where = $"message UID {summary.UniqueId.Id}";
            if (summary.Size > options.Value.MaxMessageBytes)
            {
                skipped.Add(new SkippedItem(where, $"it is too large ({summary.Size / 1024 / 1024} MB)"));
                continue;
            }
            try
            {
                await using var stream = await folder.GetStreamAsync(summary.UniqueId, ct);
                var message = await MimeMessage.LoadAsync(stream, ct);
                var (item, problem) = EmailMessages.ToItem(message, summary.InternalDate);
                if (item is not null)
                {
                    items.Add(item);
                }
                else
                {
                    skipped.Add(new SkippedItem(where, problem!));
                }
            }
            catch (FormatException ex)
            {
                skipped.Add(new SkippedItem(where, $"it is not a readable email ({ex.Message})"));
            }
        }
        var newLast = page.Count > 0 ? page[^1].UniqueId.Id : lastUid;
        return Poll(items, skipped, folder.UidValidity, newLast, hasMore: pending.Count > page.Count);
    }

    private static ChannelPoll Poll(List<IncomingItem> items, List<SkippedItem> skipped, uint uidValidity, uint lastUid, bool hasMore) =>
        new(items, skipped, new ChannelPosition(null, null, new EmailCursor { UidValidity = uidValidity, LastUid = lastUid }.ToJson()))
        {
            HasMore = hasMore,
        };
}

/// <summary>Where a mailbox was read up to: UIDs are only meaningful with the folder's UIDVALIDITY.</summary>
public sealed class EmailCursor
{
    public uint UidValidity { get; set; }
    public uint LastUid { get; set; }

    public static EmailCursor Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new EmailCursor();
        }
        try
        {
            return JsonSerializer.Deserialize<EmailCursor>(json) ?? new EmailCursor();
        }
        catch (JsonException)
        {
            return new EmailCursor();
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
