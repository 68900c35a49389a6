using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Insights.Rollups;

/// <summary>Keeps the rollups in the pipeline's storing transaction: a mention is never stored without being counted.</summary>
public sealed class RollupsOnStore(RollupBuilder builder) : IStoredMentionsHandler, IMentionsChangedHandler
{
    public async Task OnStoredAsync(TertuliaDb db, IReadOnlyList<Mention> stored, CancellationToken ct)
    {
        foreach (var workspace in stored.Where(m => m.Id != 0).GroupBy(m => m.WorkspaceId))
        {
            var hours = await AffectedHours.OfAsync(db, workspace.Select(m => m.Id).ToList(), ct);
            await builder.RebuildAsync(db, workspace.Key, hours, ct);
        }
    }

    public async Task OnChangedAsync(TertuliaDb db, int workspaceId, IReadOnlyCollection<DateTimeOffset> published, CancellationToken ct) =>
        await builder.RebuildAsync(db, workspaceId, published, ct);
}
