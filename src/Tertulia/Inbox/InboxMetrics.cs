using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>How fast a workspace answers: time to first response and to resolution of the conversations started in a period.</summary>
public sealed class InboxMetrics(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public const int MaxConversations = 200_000;

    public sealed record Durations(int Count, double? MedianMinutes, double? AverageMinutes, double? P90Minutes);

    public sealed record Report(
        DateTimeOffset From, DateTimeOffset To, int Conversations, int Answered, int Resolved,
        Durations FirstResponse, Durations Resolution, int FirstResponseBreaches, int ResolutionBreaches,
        int? FirstResponseTargetMinutes, int? ResolutionTargetMinutes);

    public async Task<Report> ForAsync(int workspaceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var settings = await db.InboxSettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.CreatedAt >= start && c.CreatedAt < end)
            .OrderBy(c => c.Id).Take(MaxConversations)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var first = rows.Where(c => c.FirstResponseAt is not null).Select(c => (c.FirstResponseAt!.Value - c.CreatedAt).TotalMinutes).ToList();
        var resolved = rows.Where(c => c.Status == ConversationStatus.Resolved && c.ResolvedAt is not null)
            .Select(c => (c.ResolvedAt!.Value - c.CreatedAt).TotalMinutes).ToList();
        var slas = rows.Select(c => Sla.Of(c, settings, now)).ToList();
        return new Report(start, end, rows.Count, first.Count, resolved.Count, Summary(first), Summary(resolved),
            slas.Count(s => s.FirstResponseBreached), slas.Count(s => s.ResolutionBreached),
            settings?.FirstResponseMinutes, settings?.ResolutionMinutes);
    }

    private static Durations Summary(List<double> minutes)
    {
        if (minutes.Count == 0)
        {
            return new Durations(0, null, null, null);
        }
        minutes.Sort();
        return new Durations(minutes.Count, Math.Round(At(minutes, 0.5), 1), Math.Round(minutes.Average(), 1), Math.Round(At(minutes, 0.9), 1));
    }

    private static double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * sorted.Count))];
}
