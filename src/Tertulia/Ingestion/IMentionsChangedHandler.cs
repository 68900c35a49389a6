using Tertulia.Storage;

namespace Tertulia.Ingestion;

/// <summary>
/// Work that must follow, in the same transaction, when stored mentions changed what they are counted as (a listening
/// query re-tagged them, Understanding read them again): Insights rebuilds the rollups of their hours.
/// </summary>
public interface IMentionsChangedHandler
{
    /// <summary>Runs after the change was saved, before its transaction commits; <paramref name="published"/> are the changed mentions' dates.</summary>
    Task OnChangedAsync(TertuliaDb db, int workspaceId, IReadOnlyCollection<DateTimeOffset> published, CancellationToken ct);
}
