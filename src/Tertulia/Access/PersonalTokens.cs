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
            Name = string.IsNullOrWhiteSpace(name) ? "API" : name.Trim()[..Math.Min(name.Trim().Length, 100)],
            Hash = HashOf(token),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.PersonalTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return new Created(row.Id, row.Name, token);
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
