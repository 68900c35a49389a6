using System.Text.Json;
using MailKit;
using MimeKit;
using Microsoft.Extensions.Options;
using Tertulia.Channels.Network;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Email;

/// <summary>
/// Listens to a mailbox over IMAP. The cursor is the folder's UIDVALIDITY with the last UID read: a message
/// is read once, a poll after downtime reads everything that arrived meanwhile, and when the server renumbers
/// the folder (new UIDVALIDITY) what was delivered since it was last read to the end is read again, and the
/// pipeline drops what it already has by Message-ID.
/// </summary>
public sealed class EmailAdapter(
    MailConnector connector, ChannelSecrets secrets, IOptions<EmailOptions> options, FetchLimits limits, TimeProvider clock) : IChannelAdapter
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct)
    {
        var account = secrets.Unprotect<EmailAccount>(channel);
        var cursor = EmailCursor.Parse(channel.Cursor);
        // The same rule as every fetch: a mailbox session has a total time, and each read an idle limit.
        using var deadline = limits.Start($"IMAP {account.ImapHost}", ct);
        try
        {
            using var imap = await connector.OpenImapAsync(account, deadline.Token, limits.IdleRead);
            var folder = await imap.GetFolderAsync(account.Folder, deadline.Token);
            await folder.OpenAsync(FolderAccess.ReadOnly, deadline.Token);
            var poll = await ReadNewAsync(folder, cursor, deadline.Token);
            await imap.DisconnectAsync(true, deadline.Token);
            return poll;
        }
        catch (Exception ex) when (deadline.Expired)
        {
            throw deadline.TotalExceeded(ex);
        }
        catch (Exception ex) when (ex is TimeoutException || ex.InnerException is TimeoutException)
        {
            throw deadline.IdleExceeded(ex);
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
            return Poll(items, skipped, folder.UidValidity, lastUid, hasMore: false, clock.GetUtcNow());
        }

        IList<UniqueId> uids;
        if (resync && cursor.CaughtUpAt is { } caughtUp)
        {
            // Renumbered folder: what was delivered before the mailbox was last read to the end was seen already,
            // so only the days since are read again. A conversation deleted in Tertulia does not come back.
            uids = await folder.SearchAsync(MailKit.Search.SearchQuery.DeliveredAfter(caughtUp.UtcDateTime.Date.AddDays(-1)), ct);
        }
        else
        {
            uids = new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue);
        }
        var summaries = uids.Count == 0 ? []
            : await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, ct);
        // "N:*" always returns the newest message, even when its UID is below N: filter.
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
        var hasMore = pending.Count > page.Count;
        return Poll(items, skipped, folder.UidValidity, newLast, hasMore, hasMore ? cursor.CaughtUpAt : clock.GetUtcNow());
    }

    private static ChannelPoll Poll(List<IncomingItem> items, List<SkippedItem> skipped, uint uidValidity, uint lastUid, bool hasMore, DateTimeOffset? caughtUpAt) =>
        new(items, skipped, new ChannelPosition(null, null,
            new EmailCursor { UidValidity = uidValidity, LastUid = lastUid, CaughtUpAt = caughtUpAt }.ToJson()))
        {
            HasMore = hasMore,
        };
}

/// <summary>Where a mailbox was read up to: UIDs are only meaningful with the folder's UIDVALIDITY.</summary>
public sealed class EmailCursor
{
    public uint UidValidity { get; set; }
    public uint LastUid { get; set; }
    /// <summary>When the folder was last read to its end: a renumbered folder is read again from the day before.</summary>
    public DateTimeOffset? CaughtUpAt { get; set; }

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
