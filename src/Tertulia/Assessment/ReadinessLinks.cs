using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;

namespace Tertulia.Assessment;

/// <summary>An agency's links for clients to fill the check in without an account: made, listed, revoked, found by secret.</summary>
public sealed class ReadinessLinks(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public const int MaxOpenLinks = 50;

    public sealed record Created(ReadinessLink? Link, string? Secret, string? Error, bool NotFound = false);

    public async Task<Created> CreateAsync(int workspaceId, string? label, string? userId, CancellationToken ct)
    {
        label = label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > ReadinessLink.MaxLabelLength)
        {
            return new Created(null, null, $"Say who the link is for, in at most {ReadinessLink.MaxLabelLength} characters.");
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Created(null, null, null, NotFound: true);
        }
        var now = clock.GetUtcNow();
        if (await db.ReadinessLinks.CountAsync(l => l.WorkspaceId == workspaceId && l.RevokedAt == null && l.ExpiresAt > now, ct) >= MaxOpenLinks)
        {
            return new Created(null, null, $"At most {MaxOpenLinks} open links: revoke one first.");
        }
        var secret = PersonalTokens.Base64Url(RandomNumberGenerator.GetBytes(24));
        var link = new ReadinessLink
        {
            WorkspaceId = workspaceId,
            Label = label,
            SecretHash = PersonalTokens.HashOf(secret),
            CreatedByUserId = userId,
            CreatedAt = now,
            ExpiresAt = now + ReadinessLink.Lifetime,
        };
        db.ReadinessLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return new Created(link, secret, null);
    }

    public async Task<List<ReadinessLink>> ListAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.ReadinessLinks.AsNoTracking().Where(l => l.WorkspaceId == workspaceId)
            .OrderByDescending(l => l.CreatedAt).Take(MaxOpenLinks * 2).ToListAsync(ct);
    }

    public async Task<bool> RevokeAsync(int workspaceId, int linkId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.ReadinessLinks.Where(l => l.Id == linkId && l.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, l => l.RevokedAt ?? now), ct) > 0;
    }

    /// <summary>The open link with this secret, or null (unknown, expired, revoked or used up: the same answer for all).</summary>
    public async Task<ReadinessLink?> FindOpenAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 64)
        {
            return null;
        }
        var hash = PersonalTokens.HashOf(secret);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var link = await db.ReadinessLinks.AsNoTracking().SingleOrDefaultAsync(l => l.SecretHash == hash, ct);
        return link is not null && link.Open(clock.GetUtcNow()) ? link : null;
    }

    /// <summary>The link with this secret whatever its state: the client still sees the result they sent after it closes.</summary>
    public async Task<ReadinessLink?> FindAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 64)
        {
            return null;
        }
        var hash = PersonalTokens.HashOf(secret);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.ReadinessLinks.AsNoTracking().SingleOrDefaultAsync(l => l.SecretHash == hash, ct);
    }
}
