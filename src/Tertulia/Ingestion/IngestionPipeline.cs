using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Mentions.Live;
using Tertulia.Storage;

namespace Tertulia.Ingestion;

/// <summary>
/// The one way mentions enter Tertulia. Every channel adapter hands its items here:
/// normalise → dedupe on (channel, external id) → classify → match listening queries → resolve contacts → store and index,
/// in batched transactions. Feeding the same items twice adds nothing.
/// </summary>
public sealed class IngestionPipeline(
    IDbContextFactory<TertuliaDb> dbs,
    MentionContent content,
    IEnumerable<IMentionEnricher> enrichers,
    IEnumerable<IStoredMentionsHandler> storedHandlers,
    WriteGate writeGate,
    ContactResolver contacts,
    MentionNotifier notifier,
    TimeProvider clock,
    ILogger<IngestionPipeline> log)
{
    public const int BatchSize = 500;

    private readonly IMentionEnricher[] _enrichers = enrichers.ToArray();
    private readonly IStoredMentionsHandler[] _storedHandlers = storedHandlers.ToArray();

    /// <summary>
    /// Ingests <paramref name="items"/> for a channel. <paramref name="onStored"/> runs inside the last
    /// batch's transaction, so the channel's cursor moves only together with the items it covers.
    /// </summary>
    public async Task<IngestResult> IngestAsync(
        int channelId,
        IReadOnlyList<IncomingItem> items,
        Action<Channel>? onStored,
        CancellationToken ct)
    {
        var channel = await LoadChannelAsync(channelId, ct);
        var result = IngestResult.None;
        var batches = items.Chunk(BatchSize).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }
        for (var i = 0; i < batches.Count; i++)
        {
            var isLast = i == batches.Count - 1;
            result = result.Plus(await IngestBatchAsync(channel, batches[i], isLast ? onStored : null, ct));
        }
        if (result.Added > 0)
        {
            log.LogInformation("Channel {ChannelId}: {Added} new mentions ({Duplicates} already known)",
                channelId, result.Added, result.Duplicates);
        }
        return result;
    }

    private async Task<IngestResult> IngestBatchAsync(
        Channel channel, IReadOnlyList<IncomingItem> batch, Action<Channel>? onStored, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var normalised = Normalise(channel, batch, now);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var fresh = await WithoutKnownAsync(db, channel.Id, normalised, ct);
        // Classified first: listening queries can ask for the language and the sentiment Understanding found.
        Classify(fresh);
        var queriesVersion = await ActiveQueries.VersionAsync(db, channel.WorkspaceId, ct);
        var queries = fresh.Count == 0 ? null : await ActiveQueries.LoadAsync(db, channel.WorkspaceId, log, ct);
        var matches = Match(queries, channel, fresh);

        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Other nodes: one writer per channel (dedupe, counters, cursor), and no query saved until this commits.
            await StoreLocks.ChannelWritesAsync(db, channel.Id, ct);
            await StoreLocks.ListeningAsync(db, channel.WorkspaceId, shared: true, ct);
            // A query saved since (saves take the gate and the listening lock too) would miss these mentions: its
            // re-tag job may be done already. Match again with what is saved now.
            if (fresh.Count > 0 && await ActiveQueries.VersionAsync(db, channel.WorkspaceId, ct) != queriesVersion)
            {
                matches = Match(await ActiveQueries.LoadAsync(db, channel.WorkspaceId, log, ct), channel, fresh);
            }
            // Checked again under the write lock: another writer may have stored some of them meanwhile.
            fresh = await WithoutKnownAsync(db, channel.Id, fresh, ct);
            await LinkParentsAsync(db, channel, fresh, ct);
            // Who said it, in the same transaction: a mention is never stored without its contact.
            await contacts.ResolveAsync(db, channel, fresh, ct);
            db.Mentions.AddRange(fresh);
            await db.SaveChangesAsync(ct);

            var stored = fresh.ToHashSet();
            foreach (var (mention, queryIds) in matches)
            {
                if (mention.Id != 0 && stored.Contains(mention))
                {
                    db.QueryMatches.AddRange(queryIds.Select(q => new QueryMatch { MentionId = mention.Id, QueryId = q }));
                }
            }
            await LinkOrphansAsync(db, channel.Id, fresh, ct);
            foreach (var handler in _storedHandlers)
            {
                await handler.OnStoredAsync(db, fresh, ct);
            }

            var state = await db.Channels.SingleAsync(c => c.Id == channel.Id, ct);
            state.MentionCount += fresh.Count;
            state.CommentCount += fresh.Count(m => m.Kind == MentionKind.Comment);
            onStored?.Invoke(state);
            await db.SaveChangesAsync(ct);
            // Other nodes hear of the new mentions only if they commit.
            await notifier.InTransactionAsync(db, new MentionsArrived(channel.WorkspaceId, channel.Id, fresh.Count), ct);
            await tx.CommitAsync(ct);
        }
        notifier.Committed(new MentionsArrived(channel.WorkspaceId, channel.Id, fresh.Count));
        return new IngestResult(batch.Count, fresh.Count, batch.Count - fresh.Count);
    }

    private async Task<Channel> LoadChannelAsync(int channelId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId, ct)
            ?? throw new InvalidOperationException($"Channel {channelId} does not exist.");
    }

    private List<Mention> Normalise(Channel channel, IReadOnlyList<IncomingItem> batch, DateTimeOffset now)
    {
        // Sanitizing HTML is the costly part: items are independent, so use every core.
        var normalised = new Mention?[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => normalised[i] = NormaliseOne(channel, batch[i], now));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return normalised.Where(m => m is not null && seen.Add(m.ExternalId)).Select(m => m!).ToList();
    }

    private Mention? NormaliseOne(Channel channel, IncomingItem item, DateTimeOffset now)
    {
        var externalId = MentionContent.Clean(item.ExternalId, MentionLimits.ExternalId);
        if (externalId.Length == 0)
        {
            return null;
        }
        var (html, text) = item.Html is not null ? content.FromHtml(item.Html) : (null, content.FromText(item.Text));
        if (text.Length == 0 && item.Html is not null && item.Text is not null)
        {
            text = content.FromText(item.Text);
        }
        var dated = !item.Undated && item.Published is { } p && p <= now.AddDays(1);
        var published = dated ? item.Published!.Value.ToUniversalTime() : now;
        return new Mention
        {
            WorkspaceId = channel.WorkspaceId,
            ChannelId = channel.Id,
            ExternalId = externalId,
            Url = SafeUrl(item.Url),
            Author = MentionContent.CleanOptional(item.Author, MentionLimits.Author),
            AuthorUrl = SafeUrl(item.AuthorUrl),
            Published = published,
            PublishedIsFirstSeen = !dated,
            IngestedAt = now,
            Language = MentionContent.CleanOptional(item.Language, 16)?.ToLowerInvariant(),
            Title = MentionContent.CleanOptional(item.Title, MentionLimits.Title),
            Text = text,
            Html = html,
            ParentExternalId = MentionContent.CleanOptional(item.ParentExternalId, MentionLimits.ExternalId),
            Kind = item.IsComment ? MentionKind.Comment : MentionKind.Post,
            ParentUrlHint = SafeUrl(item.ParentUrl),
            FromBrandHint = item.FromBrand,
        };
    }

    /// <summary>Only absolute http(s) links are kept: no javascript:, data: or relative surprises.</summary>
    internal static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MentionLimits.Url)
        {
            return null;
        }
        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
    }

    private static async Task<List<Mention>> WithoutKnownAsync(
        TertuliaDb db, int channelId, List<Mention> mentions, CancellationToken ct)
    {
        if (mentions.Count == 0)
        {
            return mentions;
        }
        var ids = mentions.Select(m => m.ExternalId).ToList();
        var known = await db.Mentions
            .Where(m => m.ChannelId == channelId && ids.Contains(m.ExternalId))
            .Select(m => m.ExternalId)
            .ToListAsync(ct);
        if (known.Count == 0)
        {
            return mentions;
        }
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        return mentions.Where(m => !knownSet.Contains(m.ExternalId)).ToList();
    }

    /// <summary>Tags each mention with every active query of its workspace it matches; each mention is tokenised once.</summary>
    private static List<(Mention Mention, int[] QueryIds)> Match(QuerySet? queries, Channel channel, List<Mention> mentions)
    {
        var matches = new List<(Mention, int[])>();
        if (queries is null)
        {
            return matches;
        }
        var scan = queries.NewScan();
        var ids = new List<int>();
        foreach (var mention in mentions)
        {
            ids.Clear();
            queries.Match(MentionDocument.From(mention, channel), scan, ids);
            if (ids.Count > 0)
            {
                matches.Add((mention, ids.ToArray()));
            }
        }
        return matches;
    }

    private void Classify(List<Mention> mentions)
    {
        if (_enrichers.Length == 0)
        {
            return;
        }
        Parallel.ForEach(mentions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, mention =>
        {
            foreach (var enricher in _enrichers)
            {
                try
                {
                    enricher.Enrich(mention);
                }
                catch (Exception ex)
                {
                    // Understanding is best effort: a mention is never lost because a model choked on it.
                    log.LogWarning(ex, "{Enricher} failed on mention {ExternalId}", enricher.GetType().Name, mention.ExternalId);
                }
            }
        });
    }

    /// <summary>Links comments to their post: in this batch, already stored in the channel, or by the post's URL.</summary>
    private static async Task LinkParentsAsync(TertuliaDb db, Channel channel, List<Mention> mentions, CancellationToken ct)
    {
        var byExternalId = mentions.ToDictionary(m => m.ExternalId, StringComparer.Ordinal);
        var byUrl = new Dictionary<string, Mention>(StringComparer.Ordinal);
        foreach (var m in mentions.Where(m => m.Kind == MentionKind.Post && m.Url is not null))
        {
            byUrl.TryAdd(m.Url!, m);
        }

        var wantedIds = new HashSet<string>(StringComparer.Ordinal);
        var wantedUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions)
        {
            if (m.ParentExternalId is { } pid && byExternalId.TryGetValue(pid, out var inBatch) && inBatch != m)
            {
                m.Parent = inBatch;
            }
            else if (m.ParentExternalId is { } p2)
            {
                wantedIds.Add(p2);
            }
            else if (m.ParentUrlHint is { } url)
            {
                if (byUrl.TryGetValue(url, out var post) && post != m)
                {
                    m.Parent = post;
                }
                else
                {
                    wantedUrls.Add(url);
                }
            }
        }

        if (wantedIds.Count > 0)
        {
            var parents = await db.Mentions.AsNoTracking()
                .Where(p => p.ChannelId == channel.Id && wantedIds.Contains(p.ExternalId))
                .Select(p => new { p.Id, p.ExternalId })
                .ToDictionaryAsync(p => p.ExternalId, p => p.Id, StringComparer.Ordinal, ct);
            foreach (var m in mentions.Where(m => m.Parent is null && m.ParentExternalId is not null))
            {
                if (parents.TryGetValue(m.ParentExternalId!, out var id))
                {
                    m.ParentId = id;
                }
            }
        }
        if (wantedUrls.Count > 0)
        {
            var parents = await db.Mentions.AsNoTracking()
                .Where(p => p.WorkspaceId == channel.WorkspaceId && wantedUrls.Contains(p.Url!))
                .Select(p => new { p.Id, p.Url })
                .ToListAsync(ct);
            var map = parents.GroupBy(p => p.Url!).ToDictionary(g => g.Key, g => g.Min(p => p.Id), StringComparer.Ordinal);
            foreach (var m in mentions.Where(m => m.Parent is null && m.ParentId is null && m.ParentUrlHint is not null))
            {
                if (map.TryGetValue(m.ParentUrlHint!, out var id))
                {
                    m.ParentId = id;
                }
            }
        }
    }

    /// <summary>
    /// Mentions that arrived before the one they answer are linked once it is stored: a comment before its post,
    /// and a reply before the reply it answers (mail is not delivered in order). (No "IS NOT NULL" filter: it would
    /// make SQLite scan every comment of the channel instead of looking up the new ids.)
    /// </summary>
    private static async Task LinkOrphansAsync(TertuliaDb db, int channelId, List<Mention> stored, CancellationToken ct)
    {
        var newIds = stored.Select(m => m.ExternalId).ToList();
        if (newIds.Count == 0)
        {
            return;
        }
        await db.Mentions
            .Where(m => m.ChannelId == channelId && m.ParentId == null && newIds.Contains(m.ParentExternalId!))
            .ExecuteUpdateAsync(s => s.SetProperty(
                m => m.ParentId,
                m => db.Mentions.Where(p => p.ChannelId == m.ChannelId && p.ExternalId == m.ParentExternalId).Select(p => (long?)p.Id).FirstOrDefault()), ct);
    }
}
