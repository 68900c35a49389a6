using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Inbox;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Ideas;

/// <summary>One idea in the board's list: how many customers asked, how they feel, when they first and last asked.</summary>
public sealed record IdeaSummary(
    int Id, string Title, IdeaStatus Status, bool IsPublic, int Customers, int Suggestions,
    int Positive, int Neutral, int Negative, DateTimeOffset FirstAsked, DateTimeOffset LastAsked, int Answered);

/// <summary>A suggestion as the idea page shows it, with whether its customer was told the idea's current status.</summary>
public sealed record SuggestionView(
    long Id, long MentionId, string? Customer, int? ContactId, string Channel, ChannelKind ChannelKind, string Text,
    Sentiment? Sentiment, string? Language, DateTimeOffset At, long? ConversationId, bool PlacedByPerson, AnswerView? Answer);

/// <summary>What a customer was told about the idea's current status: the answer in the outbox (null: no channel to answer).</summary>
public sealed record AnswerView(IdeaStatus Status, long? ReplyId, ReplyState? State, string? FailureReason, DateTimeOffset At);

public sealed record IdeaView(Idea Idea, IdeaSummary Summary, IReadOnlyList<SuggestionView> Suggestions);

/// <summary>Reads the board: the list of ideas (most asked first) and one idea with its suggestions.</summary>
public sealed class IdeaBoardQueries(IDbContextFactory<TertuliaDb> dbs)
{
    public const int SnippetLength = 400;

    public async Task<List<IdeaSummary>> ListAsync(int workspaceId, IdeaStatus? status, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = await db.Ideas.AsNoTracking().Where(i => i.WorkspaceId == workspaceId && (status == null || i.Status == status)).ToListAsync(ct);
        var rows = await Rows(db, workspaceId, null).ToListAsync(ct);
        var answers = await Answers(db, workspaceId, ct);
        return ideas.Select(i => Summarize(i, rows.Where(r => r.IdeaId == i.Id).ToList(), answers))
            .Where(s => s.Suggestions > 0)
            .OrderByDescending(s => s.Customers).ThenByDescending(s => s.LastAsked).ToList();
    }

    public async Task<IdeaView?> LoadAsync(int workspaceId, int ideaId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var idea = await db.Ideas.AsNoTracking().SingleOrDefaultAsync(i => i.Id == ideaId && i.WorkspaceId == workspaceId, ct);
        if (idea is null)
        {
            return null;
        }
        var rows = await Rows(db, workspaceId, ideaId).ToListAsync(ct);
        var answers = await Answers(db, workspaceId, ct);
        var mentionIds = rows.Select(r => r.MentionId).ToList();
        var conversations = await db.ConversationMessages.AsNoTracking().Where(cm => mentionIds.Contains(cm.MentionId))
            .ToDictionaryAsync(cm => cm.MentionId, cm => cm.ConversationId, ct);
        var summary = Summarize(idea, rows, answers);
        var views = rows.OrderByDescending(r => r.At).Select(r => new SuggestionView(
                r.Id, r.MentionId, r.Customer ?? r.Author, r.ContactId, r.Channel, r.Kind, BoundedText.Snippet(r.Text, SnippetLength), r.Sentiment,
                r.Language, r.At, conversations.TryGetValue(r.MentionId, out var c) ? c : null, r.PlacedByPerson,
                AnswerOf(r, rows, answers, idea.Status)))
            .ToList();
        return new IdeaView(idea, summary, views);
    }

    private sealed record Row(long Id, int IdeaId, long MentionId, int? ContactId, string? Customer, string? Author, string Channel, ChannelKind Kind,
        string Text, Sentiment? Sentiment, string? Language, DateTimeOffset At, bool PlacedByPerson);

    private static IQueryable<Row> Rows(TertuliaDb db, int workspaceId, int? ideaId) =>
        from s in db.Suggestions.AsNoTracking().Where(s => s.WorkspaceId == workspaceId && (ideaId == null || s.IdeaId == ideaId))
        join m in db.Mentions on s.MentionId equals m.Id
        join ch in db.Channels on m.ChannelId equals ch.Id
        join c in db.Contacts on s.ContactId equals c.Id into contacts
        from c in contacts.DefaultIfEmpty()
        select new Row(s.Id, s.IdeaId, s.MentionId, s.ContactId, c == null ? null : c.DisplayName, m.Author, ch.Name, ch.Kind, m.Text, m.Sentiment,
            m.Language, s.At, s.PlacedByPerson);

    private sealed record AnswerRow(long SuggestionId, IdeaStatus Status, long? ReplyId, ReplyState? State, string? FailureReason, DateTimeOffset At);

    private static async Task<List<AnswerRow>> Answers(TertuliaDb db, int workspaceId, CancellationToken ct) =>
        await (from a in db.IdeaAnswers.AsNoTracking().Where(a => a.WorkspaceId == workspaceId)
               join r in db.Replies on a.ReplyId equals r.Id into rs
               from r in rs.DefaultIfEmpty()
               select new AnswerRow(a.SuggestionId, a.Status, a.ReplyId, r == null ? null : r.State, r == null ? null : r.FailureReason, a.At))
            .ToListAsync(ct);

    private static string CustomerKey(Row r) => r.ContactId is { } c ? "c" + c : "m" + r.MentionId;

    /// <summary>A customer's answer for the status is on one of their suggestions (the latest when it was sent).</summary>
    private static AnswerView? AnswerOf(Row row, List<Row> rows, List<AnswerRow> answers, IdeaStatus status)
    {
        var theirs = rows.Where(r => CustomerKey(r) == CustomerKey(row)).Select(r => r.Id).ToHashSet();
        return answers.Where(a => theirs.Contains(a.SuggestionId) && a.Status == status)
            .Select(a => new AnswerView(a.Status, a.ReplyId, a.State, a.FailureReason, a.At)).FirstOrDefault();
    }

    private static IdeaSummary Summarize(Idea idea, List<Row> rows, List<AnswerRow> answers)
    {
        var customers = rows.GroupBy(CustomerKey).ToList();
        var ids = rows.Select(r => r.Id).ToHashSet();
        var answered = answers.Where(a => ids.Contains(a.SuggestionId) && a.Status == idea.Status)
            .Select(a => CustomerKey(rows.First(r => r.Id == a.SuggestionId))).Distinct().Count();
        return new IdeaSummary(idea.Id, idea.Title, idea.Status, idea.IsPublic, customers.Count, rows.Count,
            rows.Count(r => r.Sentiment == Sentiment.Positive), rows.Count(r => r.Sentiment is null or Sentiment.Neutral),
            rows.Count(r => r.Sentiment == Sentiment.Negative),
            rows.Count == 0 ? idea.CreatedAt : rows.Min(r => r.At), rows.Count == 0 ? idea.CreatedAt : rows.Max(r => r.At), answered);
    }
}
