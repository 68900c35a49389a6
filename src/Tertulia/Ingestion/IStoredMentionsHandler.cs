using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Ingestion;

/// <summary>
/// Work that must happen in the same transaction as storing new mentions (grouping them into conversations...):
/// if it fails, the mentions are not stored either, and the channel polls them again.
/// </summary>
public interface IStoredMentionsHandler
{
    /// <summary>Runs after <paramref name="stored"/> got their ids, before the transaction commits.</summary>
    Task OnStoredAsync(TertuliaDb db, IReadOnlyList<Mention> stored, CancellationToken ct);
}
