using Microsoft.EntityFrameworkCore;
using Tertulia.Contacts;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Insights.Rollups;

/// <summary>
/// Rebuilds the rollups of whole hours from the mentions published in them: what changed an hour (a new mention, a
/// reply to an older one, a re-tag, a new reading) calls this in its own transaction, so rollups are never behind
/// and never counted twice. An hour of a small business holds a handful of mentions: rebuilding is cheap and exact.
/// </summary>
public sealed class RollupBuilder(TopTerms terms)
{
    private sealed record Row(
        long Id, int ChannelId, DateTimeOffset Published, Sentiment? Sentiment, Intent? Intent, bool IsSpam,
        long? ParentId, int? ContactId, bool Brand, long? ConversationId, string? Title, string Text);

    private sealed record Side(long Id, long? ParentId, int? ContactId, bool Brand, DateTimeOffset Published, bool IsSpam);

    /// <summary>Rebuilds every hour of <paramref name="workspaceId"/> that <paramref name="hours"/> touch; saves.</summary>
    public async Task RebuildAsync(TertuliaDb db, int workspaceId, IEnumerable<DateTimeOffset> hours, CancellationToken ct)
    {
        await StoreLocks.RollupsAsync(db, workspaceId, ct);
        var ranges = Hours.Ranges(hours);
        var contacts = new HashSet<int>();
        foreach (var (from, to) in ranges)
        {
            contacts.UnionWith(await RebuildRangeAsync(db, workspaceId, from, to, ct));
        }
        // Each touched contact's chain once, however many of its hours were rebuilt, from the first rebuilt hour on.
        var relinked = ranges.Count > 0 ? await ContactChains.RelinkSinceAsync(db, workspaceId, contacts, ranges[0].From, ct) : [];
        await db.SaveChangesAsync(ct);
        Detach(db, relinked);
        // Each touched day once, however many of its ranges were rebuilt.
        await RebuildDaysAsync(db, workspaceId, ranges.SelectMany(r => Days.Touched(r.From, r.To)), ct);
    }

    /// <returns>The contacts whose hour rows were there before or are there now.</returns>
    private async Task<List<int>> RebuildRangeAsync(TertuliaDb db, int workspaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var computed = await ComputeAsync(db, workspaceId, from, to, withTerms: true, ct);
        var contacts = await db.Set<ContactHourlyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to)
            .Select(x => x.ContactId).Distinct().ToListAsync(ct);
        await db.Set<HourlyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to).ExecuteDeleteAsync(ct);
        await db.Set<QueryHourlyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to).ExecuteDeleteAsync(ct);
        await db.Set<ResponseRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to).ExecuteDeleteAsync(ct);
        await db.Set<ContactHourlyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to).ExecuteDeleteAsync(ct);
        await db.Set<TermHourlyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Hour >= from && x.Hour < to).ExecuteDeleteAsync(ct);
        // Written straight, untracked: a batch's hours are a thousand rows or more, and tracking them cost more than them.
        await RowInserter.InsertAsync(db, computed.Hourly, ct);
        await RowInserter.InsertAsync(db, computed.ByQuery, ct);
        await RowInserter.InsertAsync(db, computed.Responses, ct);
        await RowInserter.InsertAsync(db, computed.Contacts, ct);
        await RowInserter.InsertAsync(db, computed.Terms, ct);
        return contacts.Union(computed.Contacts.Select(c => c.ContactId)).ToList();
    }

    /// <summary>Adds the stored hourly rows of each UTC day up into its daily rows (the caller holds the rollups' lock).</summary>
    public async Task RebuildDaysAsync(TertuliaDb db, int workspaceId, IEnumerable<DateTimeOffset> days, CancellationToken ct)
    {
        foreach (var day in days.Select(d => Days.Of(d)).Distinct().Order())
        {
            var end = day.AddDays(1);
            await db.Set<DailyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Day == day).ExecuteDeleteAsync(ct);
            await db.Set<QueryDailyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Day == day).ExecuteDeleteAsync(ct);
            await db.Set<TermDailyRollup>().Where(x => x.WorkspaceId == workspaceId && x.Day == day).ExecuteDeleteAsync(ct);
            await RowInserter.InsertAsync(db, Days.Of(await db.Set<HourlyRollup>().AsNoTracking().Where(x => x.WorkspaceId == workspaceId && x.Hour >= day && x.Hour < end).ToListAsync(ct)), ct);
            await RowInserter.InsertAsync(db, Days.Of(await db.Set<QueryHourlyRollup>().AsNoTracking().Where(x => x.WorkspaceId == workspaceId && x.Hour >= day && x.Hour < end).ToListAsync(ct)), ct);
            await RowInserter.InsertAsync(db, Days.Of(await db.Set<TermHourlyRollup>().AsNoTracking().Where(x => x.WorkspaceId == workspaceId && x.Hour >= day && x.Hour < end).ToListAsync(ct)), ct);
        }
    }

    /// <summary>
    /// The caller's context lives on (the pipeline's batch): the next rebuild of these hours must not meet the chain
    /// rows read to relink. Only those are let go, not every entry of the batch (no scan of the whole tracker).
    /// </summary>
    private static void Detach(TertuliaDb db, List<ContactHourlyRollup> tracked)
    {
        foreach (var row in tracked)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// The rollup rows of [<paramref name="from"/>, <paramref name="to"/>) computed from the mentions, without storing
    /// them: the rebuild stores them; the bench's scanning baseline adds them up directly.
    /// </summary>
    public async Task<RollupRows> ComputeAsync(TertuliaDb db, int workspaceId, DateTimeOffset from, DateTimeOffset to, bool withTerms, CancellationToken ct)
    {
        var rows = await db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.Published >= from && m.Published < to)
            .Select(m => new Row(m.Id, m.ChannelId, m.Published, m.Sentiment, m.Intent, m.IsSpam, m.ParentId, m.ContactId,
                db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand) || db.ConversationMessages.Any(x => x.MentionId == m.Id && x.FromBrand),
                db.ConversationMessages.Where(x => x.MentionId == m.Id).Select(x => (long?)x.ConversationId).FirstOrDefault(),
                withTerms ? m.Title : null, withTerms ? m.Text : ""))
            .ToListAsync(ct);
        rows.RemoveAll(r => r.IsSpam && !r.Brand);

        // The range's ids go to the database as one parameter each list (a JSON array), not one variable per id: a
        // scan of a whole history holds a million of them, beyond SQLite's limit on variables.
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var byId = rows.ToDictionary(r => r.Id);
        var parentIds = rows.Where(r => r.ParentId is { } p && !byId.ContainsKey(p)).Select(r => r.ParentId!.Value).Distinct().ToList();
        var parents = (await SidesAsync(db, db.Mentions.Where(m => EF.Parameter(parentIds).Contains(m.Id)), ct)).ToDictionary(s => s.Id);
        foreach (var r in rows)
        {
            parents[r.Id] = new Side(r.Id, r.ParentId, r.ContactId, r.Brand, r.Published, r.IsSpam);
        }
        // Replies to this range's mentions, wherever they were published: they say who was answered.
        var children = await SidesAsync(db, db.Mentions.Where(m => EF.Parameter(ids).Contains(m.ParentId)), ct);
        children.RemoveAll(c => c.IsSpam && !c.Brand);
        var childrenOf = children.ToLookup(c => c.ParentId!.Value);

        // The brand's messages in the conversations of the customers' questions and complaints: the first after one answers it.
        var needing = rows.Where(NeedsAnswer).ToList();
        var conversationIds = needing.Where(r => r.ConversationId is not null).Select(r => r.ConversationId!.Value).Distinct().ToList();
        var brandMessages = (await db.ConversationMessages.AsNoTracking()
                .Where(x => EF.Parameter(conversationIds).Contains(x.ConversationId))
                .Where(x => x.FromBrand || db.Mentions.Any(m => m.Id == x.MentionId && db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand)))
                .Select(x => new { x.ConversationId, x.MentionId, x.At })
                .ToListAsync(ct))
            .ToLookup(x => x.ConversationId);

        // Two-way exchanges: a customer's answer to a brand message that answered that customer (see RelationshipStrength).
        var grandIds = rows.Where(r => !r.Brand && r.ContactId is not null && r.ParentId is { } p && parents.TryGetValue(p, out var parent) && parent.Brand && parent.ParentId is not null)
            .Select(r => parents[r.ParentId!.Value].ParentId!.Value).Where(g => !parents.ContainsKey(g)).Distinct().ToList();
        foreach (var g in await SidesAsync(db, db.Mentions.Where(m => EF.Parameter(grandIds).Contains(m.Id)), ct))
        {
            parents[g.Id] = g;
        }
        var brandParentIds = rows.Where(r => r.ParentId is { } p && parents.TryGetValue(p, out var parent) && parent.Brand).Select(r => (long?)r.ParentId).Distinct().ToList();
        var answersToBrand = (await SidesAsync(db, db.Mentions.Where(m => EF.Parameter(brandParentIds).Contains(m.ParentId)), ct)).ToLookup(c => c.ParentId!.Value);

        var hourly = new Dictionary<(DateTimeOffset, int, string, string, bool, bool, bool, bool, bool), int>();
        var byQuery = new Dictionary<(DateTimeOffset, int, int, string, string, bool), int>();
        var contacts = new Dictionary<(DateTimeOffset, int), (int Messages, int Exchanges)>();
        var termCounts = new Dictionary<DateTimeOffset, Dictionary<string, int>>();
        var responses = new List<ResponseRollup>();
        var matches = (await db.QueryMatches.AsNoTracking().Where(q => EF.Parameter(ids).Contains(q.MentionId)).Select(q => new { q.MentionId, q.QueryId }).ToListAsync(ct))
            .ToLookup(q => q.MentionId, q => q.QueryId);

        foreach (var r in rows)
        {
            var hour = Hours.Of(r.Published);
            var sentiment = r.Sentiment?.ToString().ToLowerInvariant() ?? "";
            var intent = r.Intent?.ToString().ToLowerInvariant() ?? "";
            var answers = r.ParentId is { } p && parents.TryGetValue(p, out var parent) && parent.Brand != r.Brand;
            var answered = childrenOf[r.Id].Any(c => c.Brand != r.Brand);
            var needs = NeedsAnswer(r);
            DateTimeOffset? answerAt = null;
            if (needs && r.ConversationId is { } conversation)
            {
                answerAt = brandMessages[conversation].Where(b => b.MentionId != r.Id && b.At >= r.Published).Select(b => (DateTimeOffset?)b.At).Min();
            }
            Add(hourly, (hour, r.ChannelId, sentiment, intent, r.Brand, answers, answered, needs, answerAt is not null));
            foreach (var query in matches[r.Id])
            {
                Add(byQuery, (hour, query, r.ChannelId, sentiment, intent, r.Brand));
            }
            if (answerAt is { } at)
            {
                responses.Add(new ResponseRollup { MentionId = r.Id, WorkspaceId = workspaceId, Hour = hour, ChannelId = r.ChannelId, Minutes = Math.Round((at - r.Published).TotalMinutes, 2) });
            }
            if (!r.Brand && r.ContactId is { } contact)
            {
                var (messages, exchanges) = contacts.GetValueOrDefault((hour, contact));
                contacts[(hour, contact)] = (messages + 1, exchanges + (IsExchange(r, parents, answersToBrand) ? 1 : 0));
            }
            if (!withTerms)
            {
                continue;
            }
            if (!termCounts.TryGetValue(hour, out var counts))
            {
                termCounts[hour] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            foreach (var term in terms.Of(r.Title, r.Text))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        var result = new RollupRows();
        result.Hourly.AddRange(hourly.Select(h => new HourlyRollup
        {
            WorkspaceId = workspaceId, Hour = h.Key.Item1, ChannelId = h.Key.Item2, Sentiment = h.Key.Item3, Intent = h.Key.Item4,
            FromBrand = h.Key.Item5, Answers = h.Key.Item6, Answered = h.Key.Item7, NeedsAnswer = h.Key.Item8, GotAnswer = h.Key.Item9, Mentions = h.Value,
        }));
        result.ByQuery.AddRange(byQuery.Select(h => new QueryHourlyRollup
        {
            WorkspaceId = workspaceId, Hour = h.Key.Item1, QueryId = h.Key.Item2, ChannelId = h.Key.Item3, Sentiment = h.Key.Item4,
            Intent = h.Key.Item5, FromBrand = h.Key.Item6, Mentions = h.Value,
        }));
        result.Responses.AddRange(responses);
        result.Contacts.AddRange(contacts.Select(c => new ContactHourlyRollup
        {
            WorkspaceId = workspaceId, Hour = c.Key.Item1, ContactId = c.Key.Item2, Messages = c.Value.Messages, Exchanges = c.Value.Exchanges,
            ExchangeGrowth = c.Value.Exchanges * RelationshipStrength.Growth(c.Key.Item1),
        }));
        foreach (var (hour, counts) in termCounts)
        {
            var kept = counts.Where(t => t.Key[0] == '#')
                .Concat(counts.Where(t => t.Key[0] != '#').OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(TopTerms.WordsPerHour));
            result.Terms.AddRange(kept.Select(t => new TermHourlyRollup { WorkspaceId = workspaceId, Hour = hour, Term = t.Key, Mentions = t.Value }));
        }
        return result;
    }

    private static bool NeedsAnswer(Row r) => !r.Brand && r.Intent is Intent.Question or Intent.Complaint;

    /// <summary>The first answer of this customer to a brand message that answered a message of theirs.</summary>
    private static bool IsExchange(Row r, Dictionary<long, Side> parents, ILookup<long, Side> answersToBrand)
    {
        if (r.ParentId is not { } p || !parents.TryGetValue(p, out var brand) || !brand.Brand
            || brand.ParentId is not { } g || !parents.TryGetValue(g, out var theirs) || theirs.ContactId != r.ContactId)
        {
            return false;
        }
        var first = answersToBrand[p].Where(a => a.ContactId == r.ContactId).OrderBy(a => a.Published).ThenBy(a => a.Id).FirstOrDefault();
        return first is null || first.Id == r.Id;
    }

    private static Task<List<Side>> SidesAsync(TertuliaDb db, IQueryable<Tertulia.Mentions.Mention> mentions, CancellationToken ct) =>
        mentions.AsNoTracking()
            .Select(m => new Side(m.Id, m.ParentId, m.ContactId,
                db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand) || db.ConversationMessages.Any(x => x.MentionId == m.Id && x.FromBrand),
                m.Published, m.IsSpam))
            .ToListAsync(ct);

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>Rollup rows of a range, computed and not yet stored.</summary>
public sealed class RollupRows
{
    public List<HourlyRollup> Hourly { get; } = [];
    public List<QueryHourlyRollup> ByQuery { get; } = [];
    public List<ResponseRollup> Responses { get; } = [];
    public List<ContactHourlyRollup> Contacts { get; } = [];
    public List<TermHourlyRollup> Terms { get; } = [];

    /// <summary>The hourly rows added up per UTC day, as the store keeps them (whole days only are read from them).</summary>
    public (List<DailyRollup> Daily, List<QueryDailyRollup> ByQuery, List<TermDailyRollup> Terms) ByDay() =>
        (Days.Of(Hourly), Days.Of(ByQuery), Days.Of(Terms));
}
