using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

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

        group.MapGet("/", async (ClaimsPrincipal user, PersonalTokens tokens, CancellationToken ct) =>
            TypedResults.Ok((await tokens.ListAsync(user.UserId()!, ct)).Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt, t.LastUsedAt)).ToList()))
            .WithName("ListTokens");

        group.MapPost("/", async (CreateToken request, ClaimsPrincipal user, PersonalTokens tokens, CancellationToken ct) =>
        {
            var created = await tokens.CreateAsync(user.UserId()!, request.Name, ct);
            return TypedResults.Created($"/api/tokens/{created.Id}", new CreatedTokenDto(created.Id, created.Name, created.Token));
        }).WithName("CreateToken");

        group.MapDelete("/{tokenId:int}", async Task<Results<NoContent, NotFound>> (
            int tokenId, ClaimsPrincipal user, PersonalTokens tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(user.UserId()!, tokenId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeToken");

        return app;
    }
}
