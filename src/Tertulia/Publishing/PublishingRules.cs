using Microsoft.EntityFrameworkCore;
using Tertulia.Inbox;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// The limits that keep a brand from becoming a monologue: per channel, at most so many posts a local day; at most one
/// promotional post in N over the seven days before it goes out; and a warning when the brand posted more than it
/// answered this week. The composer shows the warnings while typing; scheduling refuses what goes past a cap, saying why.
/// </summary>
public sealed class PublishingRules(TimeProvider clock)
{
    /// <summary>A warning or a refusal: a UiText key ("Publishing.Rule.…") and what fills its {0}, {1}…</summary>
    public sealed record Notice(string Key, params string[] Args);

    public sealed record Verdict(IReadOnlyList<Notice> Warnings, Notice? Refusal);

    /// <param name="publicationId">The publication being checked (not counted against itself), or null for one not saved yet.</param>
    public async Task<Verdict> CheckAsync(TertuliaDb db, PublishingSettings settings, long? publicationId, bool promotional,
        DateTimeOffset at, IReadOnlyList<Tertulia.Channels.Channel> channels, CancellationToken ct)
    {
        var warnings = new List<Notice>();
        Notice? refusal = null;
        var zone = WorkspaceClock.Zone(settings.TimeZone);
        var workspaceId = settings.WorkspaceId;
        var others = db.Publications.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Id != (publicationId ?? 0)
            && (p.State == PublicationState.Scheduled || p.State == PublicationState.Published));

        // Posts a day, per channel, on the local day it goes out.
        var (dayStart, dayEnd) = WorkspaceClock.Day(WorkspaceClock.DateOf(at, zone), zone);
        var channelIds = channels.Select(c => c.Id).ToList();
        var sameDay = await db.PublicationDeliveries.AsNoTracking()
            .Where(d => channelIds.Contains(d.ChannelId) && d.State != DeliveryState.Cancelled && d.State != DeliveryState.Failed)
            .Join(others, d => d.PublicationId, p => p.Id, (d, p) => new { d.ChannelId, At = p.PublishedAt ?? p.ScheduledFor })
            .Where(x => x.At >= dayStart && x.At < dayEnd)
            .GroupBy(x => x.ChannelId).Select(g => new { ChannelId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ChannelId, g => g.Count, ct);
        var date = WorkspaceClock.DateOf(at, zone).ToString("yyyy-MM-dd");
        foreach (var channel in channels)
        {
            var count = sameDay.GetValueOrDefault(channel.Id);
            if (count >= settings.MaxPostsPerDay)
            {
                refusal ??= new Notice("Publishing.Rule.DailyCap", channel.Name, count.ToString(), date, settings.MaxPostsPerDay.ToString());
            }
            else if (count == settings.MaxPostsPerDay - 1)
            {
                warnings.Add(new Notice("Publishing.Rule.LastOfDay", date, channel.Name, settings.MaxPostsPerDay.ToString()));
            }
        }

        // The promotional share over the seven days before it goes out, this post included.
        var weekStart = at - TimeSpan.FromDays(7);
        var week = await others.Where(p => (p.PublishedAt ?? p.ScheduledFor) > weekStart && (p.PublishedAt ?? p.ScheduledFor) <= at)
            .Select(p => p.Promotional).ToListAsync(ct);
        var total = week.Count + 1;
        var promos = week.Count(p => p) + (promotional ? 1 : 0);
        var allowed = total / settings.PromotionalOneIn;
        if (promotional && promos > allowed)
        {
            refusal ??= new Notice("Publishing.Rule.PromoCap", promos.ToString(), total.ToString(), date, settings.PromotionalOneIn.ToString());
        }
        else if (promotional && promos == allowed)
        {
            warnings.Add(new Notice("Publishing.Rule.LastPromo", settings.PromotionalOneIn.ToString()));
        }

        // Monologue: more posts than answers to customers this week.
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromDays(7);
        var posted = await db.Publications.AsNoTracking()
            .CountAsync(p => p.WorkspaceId == workspaceId && p.State == PublicationState.Published && p.PublishedAt > since, ct);
        var answered = await db.Replies.AsNoTracking()
            .CountAsync(r => r.WorkspaceId == workspaceId && r.State == ReplyState.Sent && r.SentAt > since, ct);
        if (posted + 1 > answered)
        {
            warnings.Add(new Notice("Publishing.Rule.Monologue", posted.ToString(), answered.ToString()));
        }
        return new Verdict(warnings, refusal);
    }
}
