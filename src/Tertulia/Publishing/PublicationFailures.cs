using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// Tells the team a publication failed after every retry — never a silent drop: its author and the workspace's
/// owners and admins get a mail (when the installation has a mail server); the calendar shows it failed with the reason.
/// </summary>
public sealed class PublicationFailures(IDbContextFactory<TertuliaDb> dbs, AccessMail mail, ILogger<PublicationFailures> log)
{
    public async Task NotifyAsync(long publicationId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var publication = await db.Publications.AsNoTracking().SingleAsync(p => p.Id == publicationId, ct);
        if (publication.State != PublicationState.Failed)
        {
            return;
        }
        log.LogWarning("Publication {PublicationId} failed: {Reason}", publication.Id, publication.FailureReason);
        if (!mail.Configured)
        {
            return;
        }
        var people = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == publication.WorkspaceId && (m.Role == WorkspaceRole.Owner || m.Role == WorkspaceRole.Admin || m.UserId == publication.AuthorId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .Where(e => e != null).Distinct().ToListAsync(ct);
        var snippet = BoundedText.Snippet(publication.Text, 160);
        foreach (var to in people)
        {
            try
            {
                await mail.SendAsync(to!, "Tertulia: una publicación no salió / a post was not published",
                    $"«{snippet}»\n\nNo se publicó / It was not published: {publication.FailureReason}", ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Could not tell {To} that publication {PublicationId} failed", to, publication.Id);
            }
        }
    }
}
