using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Insights.Rollups;
using Tertulia.Storage;

namespace Tertulia.Insights.Metrics;

/// <summary>What somebody asks the insights for: a period (see <see cref="InsightsPeriod.TryParse"/>), optionally one channel or one query.</summary>
public sealed record InsightsRequest(string? Period = null, string? At = null, string? From = null, string? To = null, int? ChannelId = null, int? QueryId = null);

/// <summary>
/// The figures of a period and the one before, added up from the stored rollups (<see cref="ReadAsync"/>), or from
/// rollup rows computed on the spot from the mentions (<see cref="ScanAsync"/>: the bench's baseline, and proof that
/// the stored rollups equal what the mentions say).
/// </summary>
public sealed class ReadInsights(IDbContextFactory<TertuliaDb> dbs, RollupBuilder builder, IOptions<InsightsOptions> options, TimeProvider clock)
{
    public sealed record Outcome(PeriodInsights? Insights, string? Error = null, bool NotFound = false);

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<Outcome> ReadAsync(int workspaceId, InsightsRequest request, CancellationToken ct)
    {
        // Each part of the calculation reads the stored rollups through its own context (and connection), side by side.
        var opened = new List<TertuliaDb>();
        try
        {
            return await RunAsync(workspaceId, request, (_, _, _) => Task.FromResult<Func<RollupView>>(() =>
            {
                var db = dbs.CreateDbContext();
                opened.Add(db);
                return RollupView.Stored(db, workspaceId);
            }), ct);
        }
        finally
        {
            foreach (var db in opened)
            {
                await db.DisposeAsync();
            }
        }
    }

    public Task<Outcome> ScanAsync(int workspaceId, InsightsRequest request, CancellationToken ct) =>
        RunAsync(workspaceId, request, async (db, period, previous) =>
        {
            // Returning customers and relationship strength look at everything said before the period.
            var first = await db.Mentions.Where(m => m.WorkspaceId == workspaceId).MinAsync(m => (DateTimeOffset?)m.Published, ct) ?? previous.Start;
            var start = Hours.Of(first < previous.Start ? first : previous.Start);
            var rows = await builder.ComputeAsync(db, workspaceId, start, period.End, withTerms: false, ct);
            var terms = await builder.ComputeAsync(db, workspaceId, period.Start, period.End, withTerms: true, ct);
            rows.Terms.AddRange(terms.Terms);
            var scanned = RollupView.Of(rows);
            return () => scanned;
        }, ct);

    private async Task<Outcome> RunAsync(int workspaceId, InsightsRequest request, Func<TertuliaDb, InsightsPeriod, InsightsPeriod, Task<Func<RollupView>>> views, CancellationToken ct)
    {
        if (!InsightsPeriod.TryParse(request.Period, request.At, request.From, request.To, Zone, clock.GetUtcNow(), out var period, out var error))
        {
            return new Outcome(null, error);
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, NotFound: true);
        }
        if (request.ChannelId is { } channel && !await db.Channels.AnyAsync(c => c.Id == channel && c.WorkspaceId == workspaceId, ct))
        {
            return new Outcome(null, "no such channel in this workspace");
        }
        if (request.QueryId is { } query && !await db.ListeningQueries.AnyAsync(q => q.Id == query && q.WorkspaceId == workspaceId, ct))
        {
            return new Outcome(null, "no such listening query in this workspace");
        }
        var previous = period.Previous(Zone);
        var rows = await views(db, period, previous);
        return new Outcome(await InsightsCalculator.ComputeAsync(db, rows, workspaceId, period, previous, Zone, request.ChannelId, request.QueryId, ct));
    }
}
