using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Assessment;

/// <summary>One attempt read back: its answers, its evidence, its result, and the attempt before it to compare with.</summary>
public sealed record ReadinessAttempt(
    ReadinessCheck Check, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, ReadinessEvidence Evidence,
    ReadinessResult Result, ReadinessAttempt? Previous = null)
{
    /// <summary>Change in points of a dimension since the previous attempt (null without one).</summary>
    public int? Change(string key) => Previous?.Result.Dimension(key) is { } before && Result.Dimension(key) is { } now
        ? now.Percent - before.Percent : null;
}

/// <summary>The workspace's attempts, newest first: taken again later, they show the progress.</summary>
public sealed class ReadinessHistory(IDbContextFactory<TertuliaDb> dbs, ReadinessScoring scoring)
{
    public const int MaxListed = 100;

    public async Task<List<ReadinessAttempt>> ListAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var checks = await db.ReadinessChecks.AsNoTracking().Where(c => c.WorkspaceId == workspaceId)
            .OrderByDescending(c => c.TakenAt).ThenByDescending(c => c.Id).Take(MaxListed).ToListAsync(ct);
        return checks.Select(Read).ToList();
    }

    /// <summary>An attempt of the workspace with the one before it; null when it is not this workspace's.</summary>
    public async Task<ReadinessAttempt?> LoadAsync(int workspaceId, int checkId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var check = await db.ReadinessChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == checkId && c.WorkspaceId == workspaceId, ct);
        if (check is null)
        {
            return null;
        }
        var previous = await db.ReadinessChecks.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && (c.TakenAt < check.TakenAt || (c.TakenAt == check.TakenAt && c.Id < check.Id)))
            .OrderByDescending(c => c.TakenAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        return Read(check) with { Previous = previous is null ? null : Read(previous) };
    }

    public ReadinessAttempt Read(ReadinessCheck check)
    {
        var answers = ReadinessAnswers.FromJson(check.AnswersJson);
        var evidence = ReadinessAnswers.EvidenceFromJson(check.EvidenceJson);
        return new ReadinessAttempt(check, answers, evidence, scoring.Score(answers, evidence));
    }
}
