using Microsoft.EntityFrameworkCore;
using Tertulia.Inbox;
using Tertulia.Storage;

namespace Tertulia.Ideas;

/// <summary>
/// Moves an idea to a status and tells every customer who suggested it, through the channel they used, by the inbox's
/// outbox (<see cref="SendReply.RecordAsync"/>): one answer per customer, to their latest suggestion, recorded with the
/// status change in one transaction. An <see cref="IdeaAnswer"/> per suggestion and status, and the answer's
/// idempotency key made of both, make sure nobody hears the same news twice — moving an idea back and forth, or
/// calling again to answer customers who joined later, only reaches those not told yet. Declining needs the reason.
/// </summary>
public sealed class ChangeIdeaStatus(
    IDbContextFactory<TertuliaDb> dbs,
    SendReply replies,
    ReplyOutbox outbox,
    IdeaTemplates templates,
    WriteGate writeGate,
    TimeProvider clock)
{
    /// <summary>
    /// <paramref name="Answer"/>: the team's public answer (required to decline); null keeps the current one.
    /// <paramref name="Messages"/>: this time's wording per language ("es", "en"), instead of the templates.
    /// </summary>
    public sealed record Request(IdeaStatus Status, string? Answer = null, bool Notify = true, IReadOnlyDictionary<string, string>? Messages = null);

    public sealed record Outcome(int Queued, int WithoutChannel, string? Error = null, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, int ideaId, string? actorId, Request request, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Status))
        {
            return new Outcome(0, 0, "Unknown status: new, underReview, planned, done or declined.");
        }
        var answer = request.Answer?.Trim();
        if (answer is { Length: > Idea.AnswerLength })
        {
            return new Outcome(0, 0, $"The answer has at most {Idea.AnswerLength} characters.");
        }
        if (request.Messages?.Values.Any(m => m.Length > IdeaTemplate.TextLength) == true)
        {
            return new Outcome(0, 0, $"A message has at most {IdeaTemplate.TextLength} characters.");
        }
        var wording = (await templates.ListAsync(workspaceId, ct)).Where(t => t.Status == request.Status).ToDictionary(t => t.Language, t => t.Text);
        foreach (var (language, text) in request.Messages ?? new Dictionary<string, string>())
        {
            if (IdeaTemplates.Languages.Contains(language) && !string.IsNullOrWhiteSpace(text))
            {
                wording[language] = text.Trim();
            }
        }
        int queued = 0, withoutChannel = 0;
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await StoreLocks.IdeasAsync(db, workspaceId, ct);
            var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId && i.WorkspaceId == workspaceId, ct);
            if (idea is null)
            {
                return new Outcome(0, 0, NotFound: true);
            }
            var explanation = answer ?? idea.Answer;
            if (request.Status == IdeaStatus.Declined && string.IsNullOrWhiteSpace(explanation))
            {
                return new Outcome(0, 0, "Declining an idea needs a public explanation: customers are told why.");
            }
            if (idea.Status != request.Status)
            {
                idea.Status = request.Status;
                idea.StatusChangedAt = clock.GetUtcNow();
            }
            if (answer is not null)
            {
                idea.Answer = answer.Length == 0 ? null : answer;
            }
            await db.SaveChangesAsync(ct);
            if (request.Notify && IdeaTemplates.Announced.Contains(request.Status))
            {
                (queued, withoutChannel) = await AnswerAsync(db, idea, actorId, wording, ct);
            }
            await tx.CommitAsync(ct);
        }
        if (queued > 0)
        {
            outbox.Wake();
        }
        return new Outcome(queued, withoutChannel);
    }

    private async Task<(int Queued, int WithoutChannel)> AnswerAsync(TertuliaDb db, Idea idea, string? actorId, Dictionary<string, string> wording, CancellationToken ct)
    {
        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.IdeaId == idea.Id)
            .Join(db.Mentions, s => s.MentionId, m => m.Id, (s, m) => new { s.Id, s.At, s.ContactId, m.Author, m.Language, MentionId = m.Id, m.ChannelId })
            .ToListAsync(ct);
        var ids = suggestions.Select(s => s.Id).ToList();
        // By suggestion, not by idea: a customer told in an idea merged into this one was told all the same.
        var told = (await db.IdeaAnswers.AsNoTracking().Where(a => ids.Contains(a.SuggestionId) && a.Status == idea.Status).Select(a => a.SuggestionId).ToListAsync(ct)).ToHashSet();
        var queued = 0;
        var withoutChannel = 0;
        // One customer, one answer: a contact (or, without one, a mention) is told once, below their latest suggestion.
        foreach (var customer in suggestions.GroupBy(s => s.ContactId is { } c ? "c" + c : "m" + s.MentionId))
        {
            if (customer.Any(s => told.Contains(s.Id)))
            {
                continue;
            }
            var latest = customer.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).First();
            var conversation = await db.ConversationMessages.AsNoTracking().Where(cm => cm.MentionId == latest.MentionId)
                .Join(db.Conversations, cm => cm.ConversationId, c => c.Id, (_, c) => c).FirstOrDefaultAsync(ct);
            var kind = await db.Channels.Where(c => c.Id == latest.ChannelId).Select(c => c.Kind).SingleAsync(ct);
            long? replyId = null;
            if (conversation is not null && replies.CanAnswer(kind))
            {
                var language = latest.Language is { } l && l.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "es";
                var template = wording.GetValueOrDefault(language) ?? IdeaTemplates.Default(idea.Status, language);
                var text = IdeaTemplates.Fill(template, latest.Author, idea.Title, idea.Answer);
                var reply = await replies.RecordAsync(db, conversation, latest.MentionId, actorId, text, $"idea-{latest.Id}-{idea.Status}".ToLowerInvariant(), ct);
                replyId = reply.Id;
                queued++;
            }
            else
            {
                withoutChannel++;
            }
            db.IdeaAnswers.Add(new IdeaAnswer
            {
                WorkspaceId = idea.WorkspaceId, IdeaId = idea.Id, SuggestionId = latest.Id, Status = idea.Status, ReplyId = replyId, ActorId = actorId, At = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(ct);
        return (queued, withoutChannel);
    }
}
