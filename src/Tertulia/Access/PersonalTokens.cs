using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Access;

/// <summary>Creates personal API tokens and finds the one a request presents. The store only ever sees hashes.</summary>
public sealed class PersonalTokens(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    /// <summary>Every token starts so, which lets secret scanners and people recognise one.</summary>
    public const string Prefix = "tertulia_";

    public sealed record Created(int Id, string Name, string Token);

    public async Task<Created> CreateAsync(string userId, string? name, CancellationToken ct)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new PersonalToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "API" : BoundedText.Clip(name.Trim(), 100),
            Hash = HashOf(token),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.PersonalTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return new Created(row.Id, row.Name, token);
    }

    /// <summary>The person's live tokens, oldest first (never their text: only its hash is stored).</summary>
    public async Task<List<PersonalToken>> ListAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PersonalTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Revokes one of the person's own tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var revoked = await db.PersonalTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct);
        return revoked == 1;
    }

    /// <summary>The live token whose text is <paramref name="token"/>, or null.</summary>
    public async Task<PersonalToken?> FindAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }
        var hash = HashOf(token);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await db.PersonalTokens.FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        if (found is not null && (found.LastUsedAt is null || clock.GetUtcNow() - found.LastUsedAt > TimeSpan.FromHours(1)))
        {
            // Coarse on purpose: enough to tell a forgotten token from a used one without a write per request.
            found.LastUsedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return found;
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
