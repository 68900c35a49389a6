using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Assessment;

/// <summary>
/// Records an attempt: checks the answers, reads the workspace's evidence as it is now and stores both. Through an
/// agency's link the link must still be open, and its use is counted in the same transaction.
/// </summary>
public sealed class TakeReadinessCheck(IDbContextFactory<TertuliaDb> dbs, Questionnaire questionnaire, GatherEvidence evidence, TimeProvider clock)
{
    public const int MaxAnswers = 32;

    public sealed record Request(IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, string Language, string? Respondent = null);

    public sealed record Outcome(ReadinessCheck? Check, string? Error, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, string? userId, int? linkId, Request request, CancellationToken ct)
    {
        if (request.Answers.Count > MaxAnswers)
        {
            return new Outcome(null, $"At most {MaxAnswers} answers.");
        }
        var respondent = request.Respondent?.Trim();
        if (respondent?.Length > ReadinessCheck.MaxRespondentLength)
        {
            return new Outcome(null, $"The name takes at most {ReadinessCheck.MaxRespondentLength} characters.");
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, NotFound: true);
        }
        var found = await evidence.HandleAsync(workspaceId, ct);
        if (ReadinessAnswers.Problem(questionnaire, request.Answers, found) is { } problem)
        {
            return new Outcome(null, problem);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (linkId is { } id)
        {
            // Counted with a conditional update, so two clients racing for the last use cannot both get it.
            var now = clock.GetUtcNow();
            var used = await db.ReadinessLinks
                .Where(l => l.Id == id && l.WorkspaceId == workspaceId && l.RevokedAt == null && l.ExpiresAt > now && l.Uses < ReadinessLink.MaxUses)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Uses, l => l.Uses + 1), ct);
            if (used == 0)
            {
                return new Outcome(null, null, NotFound: true);
            }
        }
        var check = new ReadinessCheck
        {
            WorkspaceId = workspaceId,
            TakenAt = clock.GetUtcNow(),
            TakenByUserId = userId,
            LinkId = linkId,
            Respondent = string.IsNullOrEmpty(respondent) ? null : respondent,
            Language = request.Language == "en" ? "en" : "es",
            QuestionnaireVersion = questionnaire.Version,
            AnswersJson = ReadinessAnswers.ToJson(request.Answers),
            EvidenceJson = ReadinessAnswers.EvidenceToJson(found),
        };
        db.ReadinessChecks.Add(check);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(check, null);
    }
}
