using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Publishing;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Alerts.Incidents;

/// <summary>
/// Everything the crisis room shows of one incident: its timeline of volume and sentiment, the mentions driving it
/// (the words that set it apart, the first and the loudest voices, the channels), who has been answered, the
/// checklist with who did each step, and — once closed — the post-mortem.
/// </summary>
public sealed class CrisisRoom(IDbContextFactory<TertuliaDb> dbs, PublicationPlanner planner, TimeProvider clock)
{
    private const int MaxMentions = 2000;

    public sealed record Hour(DateTimeOffset Start, int Mentions, int Negative);
    public sealed record Voice(string Author, int Mentions, DateTimeOffset First);
    public sealed record ChannelShare(int ChannelId, string Name, int Mentions);
    public sealed record StormMention(long Id, string? Author, DateTimeOffset Published, string Snippet, string? Sentiment, string? Intent, bool Answered, long? ConversationId, string Channel);
    public sealed record Step(string Key, bool Done, string? By, DateTimeOffset? At);
    public sealed record Event(DateTimeOffset At, string Kind, string? Detail, string? By);
    public sealed record PostMortem(TimeSpan? FirstPublicAnswer, int Answered, int ToAnswer, double? NegativeBefore, double? NegativeDuring, double? NegativeAfter);

    /// <summary>The holding statement as posted on one channel: due, published (with its address) or failed, and why.</summary>
    public sealed record StatementDelivery(int ChannelId, string Channel, string State, string? Url, string? Error, DateTimeOffset? PublishedAt);
    public sealed record StatementPost(long PublicationId, string Text, DateTimeOffset At, List<StatementDelivery> Deliveries);
    public sealed record PostingChannel(int Id, string Name, string Kind);

    public sealed record View(
        Incident Incident, List<string> RuleNames, string? AssigneeName, List<Hour> Timeline, List<string> TopTerms, List<Voice> FirstVoices,
        List<Voice> LoudestVoices, List<ChannelShare> Channels, List<StormMention> Mentions, List<Step> Steps, List<Event> Events, PostMortem Summary,
        List<StatementPost> StatementPosts, List<PostingChannel> PostingChannels);

    public async Task<View?> LoadAsync(int workspaceId, long incidentId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId && i.WorkspaceId == workspaceId, ct);
        if (incident is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var end = incident.ClosedAt ?? now;
        var ruleIds = incident.Rules().ToList();
        var ruleNames = await db.AlertRules.Where(r => ruleIds.Contains(r.Id)).Select(r => r.Name).ToListAsync(ct);
        var users = await db.Set<IdentityUser>().AsNoTracking()
            .Where(u => db.WorkspaceMembers.Any(m => m.WorkspaceId == workspaceId && m.UserId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Email ?? u.Id, ct);

        var mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && !m.IsSpam);
        if (incident.QueryId is { } q)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(x => x.QueryId == q && x.MentionId == m.Id));
        }
        var brand = db.ConversationMessages.Where(c => c.FromBrand).Select(c => c.MentionId);
        var from = incident.StartedAt.AddHours(-24);
        var after = end.AddHours(24);
        var rows = await mentions.Where(m => m.Published >= from && m.Published < after && !brand.Contains(m.Id))
            .OrderBy(m => m.Published).Take(MaxMentions * 2)
            .Select(m => new StormRow(m.Id, m.Author, m.Published, m.Title, m.Text, m.Sentiment, m.Intent, m.ChannelId))
            .ToListAsync(ct);
        var storm = rows.Where(r => r.Published >= incident.StartedAt && r.Published < end).Take(MaxMentions).ToList();

        var timeline = new List<Hour>();
        for (var t = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero); t < Min(after, now); t = t.AddHours(1))
        {
            var inHour = rows.Where(r => r.Published >= t && r.Published < t.AddHours(1)).ToList();
            timeline.Add(new Hour(t, inHour.Count, inHour.Count(r => r.Sentiment == Sentiment.Negative)));
        }

        var channelNames = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var stormIds = storm.ConvertAll(r => r.Id);
        var conversations = await (from m in db.ConversationMessages.AsNoTracking()
                                   join c in db.Conversations.AsNoTracking() on m.ConversationId equals c.Id
                                   where stormIds.Contains(m.MentionId)
                                   select new { m.MentionId, c.Id, c.FirstResponseAt }).ToListAsync(ct);
        var byMention = conversations.GroupBy(c => c.MentionId).ToDictionary(g => g.Key, g => g.First());
        var stormMentions = storm.Select(r =>
        {
            var conversation = byMention.GetValueOrDefault(r.Id);
            return new StormMention(r.Id, r.Author, r.Published, BoundedText.Clip(r.Title is null ? r.Text : $"{r.Title} — {r.Text}", 240),
                r.Sentiment?.ToString(), r.Intent?.ToString(), conversation?.FirstResponseAt is not null, conversation?.Id,
                channelNames.GetValueOrDefault(r.ChannelId) ?? "");
        }).OrderByDescending(m => m.Published).ToList();

        var voices = storm.Where(r => !string.IsNullOrWhiteSpace(r.Author)).GroupBy(r => r.Author!)
            .Select(g => new Voice(g.Key, g.Count(), g.Min(r => r.Published))).ToList();
        var baseline = rows.Where(r => r.Published < incident.StartedAt).Select(r => $"{r.Title} {r.Text}").ToList();

        var events = await db.IncidentEvents.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var steps = CrisisSteps.All.Select(key =>
        {
            var last = events.LastOrDefault(e => e.Detail == key && e.Kind is IncidentEvents.StepDone or IncidentEvents.StepUndone);
            return last?.Kind == IncidentEvents.StepDone
                ? new Step(key, true, last.ActorId is null ? null : users.GetValueOrDefault(last.ActorId), last.At)
                : new Step(key, false, null, null);
        }).ToList();

        var firstAnswer = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.FromBrand && m.At >= incident.StartedAt && db.Mentions.Any(x => x.Id == m.MentionId && x.WorkspaceId == workspaceId))
            .OrderBy(m => m.At).Select(m => (DateTimeOffset?)m.At).FirstOrDefaultAsync(ct);
        var toAnswer = stormMentions.Where(m => m.ConversationId is not null).Select(m => m.ConversationId).Distinct().Count();
        var answered = stormMentions.Where(m => m.Answered).Select(m => m.ConversationId).Distinct().Count();
        static double? Negative(IEnumerable<StormRow> set)
        {
            var list = set.ToList();
            var understood = list.Count(r => r.Sentiment is not null);
            return understood == 0 ? null : (double)list.Count(r => r.Sentiment == Sentiment.Negative) / understood;
        }
        var summary = new PostMortem(firstAnswer - incident.StartedAt, answered, toAnswer,
            Negative(rows.Where(r => r.Published < incident.StartedAt)),
            Negative(storm),
            incident.ClosedAt is null ? null : Negative(rows.Where(r => r.Published >= end)));

        var origin = PostStatement.Origin(incident.Id);
        var publications = await db.Publications.AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Origin == origin)
            .OrderBy(p => p.CreatedAt).Select(p => new { p.Id, p.Text, p.CreatedAt }).ToListAsync(ct);
        var publicationIds = publications.ConvertAll(p => p.Id);
        var deliveries = await db.PublicationDeliveries.AsNoTracking().Where(d => publicationIds.Contains(d.PublicationId)).ToListAsync(ct);
        var posts = publications.ConvertAll(p => new StatementPost(p.Id, p.Text, p.CreatedAt, deliveries.Where(d => d.PublicationId == p.Id)
            .Select(d => new StatementDelivery(d.ChannelId, channelNames.GetValueOrDefault(d.ChannelId) ?? "", d.State.ToString().ToLowerInvariant(),
                d.Url, d.LastError, d.PublishedAt)).ToList()));
        var postingChannels = (await planner.ChannelsAsync(db, workspaceId, null, ct)).ConvertAll(c => new PostingChannel(c.Id, c.Name, c.Kind.ToString()));

        return new View(incident, ruleNames, incident.AssigneeId is null ? null : users.GetValueOrDefault(incident.AssigneeId), timeline,
            StormTerms.Top(storm.Select(r => $"{r.Title} {r.Text}").ToList(), baseline, 12),
            voices.OrderBy(v => v.First).Take(5).ToList(),
            voices.OrderByDescending(v => v.Mentions).ThenBy(v => v.First).Take(5).ToList(),
            storm.GroupBy(r => r.ChannelId).Select(g => new ChannelShare(g.Key, channelNames.GetValueOrDefault(g.Key) ?? "", g.Count()))
                .OrderByDescending(c => c.Mentions).ToList(),
            stormMentions,
            steps,
            events.Select(e => new Event(e.At, e.Kind, e.Detail, e.ActorId is null ? null : users.GetValueOrDefault(e.ActorId))).ToList(),
            summary,
            posts,
            postingChannels);
    }

    private sealed record StormRow(long Id, string? Author, DateTimeOffset Published, string? Title, string Text, Sentiment? Sentiment, Intent? Intent, int ChannelId);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>The words that set a storm's mentions apart from the day before: frequent in the storm, rare before it.</summary>
public static class StormTerms
{
    public static List<string> Top(IReadOnlyList<string> storm, IReadOnlyList<string> before, int count)
    {
        var inStorm = DocumentFrequency(storm);
        var inBefore = DocumentFrequency(before);
        return inStorm.Where(t => t.Value >= 2 || storm.Count < 4)
            .Select(t => (Term: t.Key, Score: t.Value * Math.Log((t.Value + 1.0) / (storm.Count + 2.0) / ((inBefore.GetValueOrDefault(t.Key) + 1.0) / (before.Count + 2.0)))))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(count).Select(t => t.Term).ToList();
    }

    private static Dictionary<string, int> DocumentFrequency(IReadOnlyList<string> texts)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            // Words of five letters or more: the short ones are nearly all "que", "para", "this".
            foreach (var word in TextFolding.Words(text).Where(w => w.Length >= 5 && !w.StartsWith('@') && !w.All(char.IsDigit)).Distinct())
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }
        return df;
    }
}
