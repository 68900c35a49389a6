using Microsoft.EntityFrameworkCore;
using Tertulia.Inbox;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Assessment;

/// <summary>
/// Reads the workspace's own data for the questions it can answer: the last <see cref="Window"/> of mentions by
/// channel, the brand's and competitors' listening queries, and the inbox's response figures.
/// </summary>
public sealed class GatherEvidence(IDbContextFactory<TertuliaDb> dbs, InboxMetrics inbox, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);
    private const double DaysPerMonth = 30;

    public async Task<ReadinessEvidence> HandleAsync(int workspaceId, CancellationToken ct)
    {
        var to = clock.GetUtcNow();
        var from = to - Window;
        return new ReadinessEvidence(from, to,
            await AudienceAsync(workspaceId, from, to, ct),
            await CompetitionAsync(workspaceId, from, to, ct),
            await ServiceAsync(workspaceId, from, to, ct));
    }

    private async Task<AudienceEvidence?> AudienceAsync(int workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Customers' words only: the brand's own answers are conversation messages from the brand.
        var customers = db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && !m.IsSpam && m.Published >= from && m.Published <= to)
            .Where(m => !db.ConversationMessages.Any(c => c.MentionId == m.Id && c.FromBrand));
        var byChannel = await customers.GroupBy(m => m.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count(), First = g.Min(m => m.Published) })
            .ToListAsync(ct);
        if (byChannel.Count == 0)
        {
            return null;
        }
        var ids = byChannel.Select(c => c.ChannelId).ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(ct);
        var total = byChannel.Sum(c => c.Count);
        // A workspace that started listening a week ago has a week of mentions, not a third of three months.
        var first = byChannel.Min(c => c.First);
        var months = Math.Max(1, (to - first).TotalDays / DaysPerMonth);
        var voices = byChannel
            .Join(channels, c => c.ChannelId, c => c.Id, (count, channel) => new ChannelVoice(channel.Name, channel.Kind.ToString(), count.Count))
            .OrderByDescending(v => v.Mentions).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        return new AudienceEvidence(total, (int)Math.Round(total / months), voices);
    }

    /// <summary>
    /// Share of voice from the queries the workspace marked as its brand's and its competitors'; without a
    /// competitor query there is nothing to compare, and no evidence.
    /// </summary>
    private async Task<CompetitionEvidence?> CompetitionAsync(int workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var queries = await db.ListeningQueries.AsNoTracking()
            .Where(q => q.WorkspaceId == workspaceId && (q.Role == QueryRole.Brand || q.Role == QueryRole.Competitor))
            .Select(q => new { q.Id, q.Name, q.Role }).ToListAsync(ct);
        if (!queries.Any(q => q.Role == QueryRole.Competitor))
        {
            return null;
        }
        var ids = queries.Select(q => q.Id).ToList();
        var matches = await db.QueryMatches.AsNoTracking()
            .Where(m => ids.Contains(m.QueryId))
            .Join(db.Mentions.Where(m => m.WorkspaceId == workspaceId && !m.IsSpam && m.Published >= from && m.Published <= to),
                q => q.MentionId, m => m.Id, (q, m) => new { q.QueryId, q.MentionId })
            .Where(x => !db.ConversationMessages.Any(c => c.MentionId == x.MentionId && c.FromBrand))
            .ToListAsync(ct);
        var brandIds = queries.Where(q => q.Role == QueryRole.Brand).Select(q => q.Id).ToHashSet();
        // A mention two brand queries match is one mention of the brand.
        var brand = matches.Where(m => brandIds.Contains(m.QueryId)).Select(m => m.MentionId).Distinct().Count();
        var competitors = queries.Where(q => q.Role == QueryRole.Competitor)
            .Select(q => new CompetitorVoice(q.Name, matches.Count(m => m.QueryId == q.Id)))
            .OrderByDescending(c => c.Mentions).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new CompetitionEvidence(brand, competitors);
    }

    private async Task<ServiceEvidence?> ServiceAsync(int workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var report = await inbox.ForAsync(workspaceId, from, to, ct);
        return report.Conversations == 0 ? null
            : new ServiceEvidence(report.Conversations, report.Answered, report.FirstResponse.MedianMinutes);
    }
}
