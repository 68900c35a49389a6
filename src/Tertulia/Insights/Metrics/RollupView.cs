using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Tertulia.Insights.Rollups;
using Tertulia.Storage;

namespace Tertulia.Insights.Metrics;

/// <summary>
/// The rollup rows a calculation adds up: the stored ones (the product), or rows just computed from the mentions
/// (the bench's scanning baseline) — the same arithmetic on both, so both give the same numbers.
/// </summary>
public sealed record RollupView(
    IQueryable<HourlyRollup> Hourly, IQueryable<QueryHourlyRollup> ByQuery, IQueryable<ResponseRollup> Responses,
    IQueryable<ContactHourlyRollup> Contacts, IQueryable<TermHourlyRollup> Terms,
    IQueryable<DailyRollup> Daily, IQueryable<QueryDailyRollup> DailyByQuery, IQueryable<TermDailyRollup> DailyTerms)
{
    public static RollupView Stored(TertuliaDb db, int workspaceId) => new(
        db.Set<HourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<QueryHourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<ResponseRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<ContactHourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<TermHourlyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<DailyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<QueryDailyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId),
        db.Set<TermDailyRollup>().AsNoTracking().Where(r => r.WorkspaceId == workspaceId));

    public static RollupView Of(RollupRows rows)
    {
        var (daily, byQuery, terms) = rows.ByDay();
        return new(rows.Hourly.AsQueryable(), rows.ByQuery.AsQueryable(), rows.Responses.AsQueryable(), rows.Contacts.AsQueryable(), rows.Terms.AsQueryable(),
            daily.AsQueryable(), byQuery.AsQueryable(), terms.AsQueryable());
    }

    /// <summary>Runs a query on the store, or in memory for computed rows.</summary>
    public static async Task<List<T>> ListAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        query.Provider is IAsyncQueryProvider ? await query.ToListAsync(ct) : query.ToList();
}
