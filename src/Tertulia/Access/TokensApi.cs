using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Access;

/// <summary>A signed-in person's own personal API tokens: create (shown once), list, revoke.</summary>
public static class TokensApi
{
    public sealed record CreateToken(string? Name);

    public sealed record TokenDto(int Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public sealed record CreatedTokenDto(int Id, string Name, string Token);

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Personal tokens").RequireAuthorization();

        group.MapGet("/", async (ClaimsPrincipal user, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var userId = user.UserId();
            var tokens = await db.PersonalTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
            return TypedResults.Ok(tokens.OrderBy(t => t.Id).Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt, t.LastUsedAt)).ToList());
        }).WithName("ListTokens");

        group.MapPost("/", async (CreateToken request, ClaimsPrincipal user, PersonalTokens tokens, CancellationToken ct) =>
        {
            var created = await tokens.CreateAsync(user.UserId()!, request.Name, ct);
            return TypedResults.Created($"/api/tokens/{created.Id}", new CreatedTokenDto(created.Id, created.Name, created.Token));
        }).WithName("CreateToken");

        group.MapDelete("/{tokenId:int}", async Task<Results<NoContent, NotFound>> (
            int tokenId, ClaimsPrincipal user, IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var userId = user.UserId();
            var revoked = await db.PersonalTokens
                .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), ct);
            return revoked == 1 ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithName("RevokeToken");

        return app;
    }
}
