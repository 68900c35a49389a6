using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>A person merges two contacts of a workspace, or undoes a merge, from the profile or the API.</summary>
public sealed class MergeContacts(IDbContextFactory<TertuliaDb> dbs, ContactMerging merging, WriteGate writeGate)
{
    public sealed record Outcome(ContactsApi.MergeDto? Merge, string? Error = null, int Status = StatusCodes.Status400BadRequest, bool NotFound = false)
    {
        public static readonly Outcome Missing = new(null, NotFound: true);
    }

    /// <summary><paramref name="survivorId"/> stays; <paramref name="otherId"/> is absorbed into it.</summary>
    public async Task<Outcome> MergeAsync(int workspaceId, int survivorId, int otherId, string? userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ContactLocks.WorkspaceContactsAsync(db, workspaceId, ct);
            var survivor = await db.Contacts.SingleOrDefaultAsync(c => c.Id == survivorId && c.WorkspaceId == workspaceId, ct);
            var absorbed = await db.Contacts.SingleOrDefaultAsync(c => c.Id == otherId && c.WorkspaceId == workspaceId, ct);
            if (survivor is null || absorbed is null)
            {
                return Outcome.Missing;
            }
            if (survivor.Id == absorbed.Id)
            {
                return new Outcome(null, "A contact cannot be merged with itself.");
            }
            if (survivor.MergedIntoId is not null || absorbed.MergedIntoId is not null)
            {
                return new Outcome(null, $"Contact {(survivor.MergedIntoId is not null ? survivor.Id : absorbed.Id)} is already merged into another contact.",
                    StatusCodes.Status409Conflict);
            }
            var merge = await merging.MergeAsync(db, survivor, absorbed, automatic: false, userId, $"manual: {absorbed.DisplayName} into {survivor.DisplayName}", ct);
            await tx.CommitAsync(ct);
            return new Outcome(ContactsApi.ToDto(merge, survivor.DisplayName, absorbed.DisplayName));
        }
    }

    /// <summary>Undoes merge <paramref name="mergeId"/>, which must involve <paramref name="contactId"/>.</summary>
    public async Task<Outcome> UnmergeAsync(int workspaceId, int contactId, int mergeId, string? userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ContactLocks.WorkspaceContactsAsync(db, workspaceId, ct);
            var involved = await db.ContactMerges.AnyAsync(m => m.Id == mergeId && m.WorkspaceId == workspaceId
                && (m.SurvivorId == contactId || m.AbsorbedId == contactId), ct);
            if (!involved)
            {
                return Outcome.Missing;
            }
            var result = await merging.UnmergeAsync(db, workspaceId, mergeId, userId, ct);
            if (result == ContactMerging.UnmergeResult.AlreadyUndone)
            {
                return new Outcome(null, "This merge was undone already.", StatusCodes.Status409Conflict);
            }
            if (result == ContactMerging.UnmergeResult.MergedAgain)
            {
                return new Outcome(null, "The contact was merged into another one since; undo that merge first.", StatusCodes.Status409Conflict);
            }
            await tx.CommitAsync(ct);
            var merge = await db.ContactMerges.AsNoTracking().SingleAsync(m => m.Id == mergeId, ct);
            var names = await db.Contacts.AsNoTracking().Where(c => c.Id == merge.SurvivorId || c.Id == merge.AbsorbedId)
                .ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
            return new Outcome(ContactsApi.ToDto(merge, names[merge.SurvivorId], names[merge.AbsorbedId]));
        }
    }
}
