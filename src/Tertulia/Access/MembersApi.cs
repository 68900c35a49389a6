using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Access;

/// <summary>Who is in a workspace, and inviting more people (admins and owners).</summary>
public static class MembersApi
{
    public sealed record MemberDto(string UserId, string Email, WorkspaceRole Role, DateTimeOffset JoinedAt);

    public sealed record InvitationDto(int Id, string Email, WorkspaceRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    public sealed record RoleChange(WorkspaceRole Role);

    public sealed record MembersDto(List<MemberDto> Members, List<InvitationDto> Invitations);

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}").WithTags("Members");

        group.MapGet("/members", async (int workspaceId, IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await ListAsync(dbs, workspaceId, clock, ct)))
            .WithName("ListMembers")
            .RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPost("/invitations", async Task<Results<Created<InvitationDto>, ProblemHttpResult>> (
            int workspaceId, InviteMember.Request request, InviteMember invite, AccessMail mail, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await invite.HandleAsync(workspaceId, http.User.UserId()!, http.WorkspaceRole()!.Value, request, mail.BaseUrl(http.Request), ct);
                if (outcome.Invitation is not { } i)
                {
                    return TypedResults.Problem(title: "The invitation was not sent", detail: outcome.Error, statusCode: StatusCodes.Status400BadRequest);
                }
                return TypedResults.Created($"/api/workspaces/{workspaceId}/members", new InvitationDto(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt));
            })
            .WithName("InviteMember")
            .RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapPut("/members/{userId}", async (int workspaceId, string userId, RoleChange request, ChangeMember change, HttpContext http, CancellationToken ct) =>
            Answer(await change.HandleAsync(workspaceId, userId, http.WorkspaceRole()!.Value, request.Role, ct)))
            .WithName("ChangeMemberRole")
            .RequireWorkspaceRole(WorkspaceRole.Admin);

        group.MapDelete("/members/{userId}", async (int workspaceId, string userId, ChangeMember change, HttpContext http, CancellationToken ct) =>
            Answer(await change.HandleAsync(workspaceId, userId, http.WorkspaceRole()!.Value, null, ct)))
            .WithName("RemoveMember")
            .RequireWorkspaceRole(WorkspaceRole.Admin);

        return app;
    }

    private static Results<NoContent, NotFound, ProblemHttpResult> Answer(ChangeMember.Result result) => result switch
    {
        ChangeMember.Result.Done => TypedResults.NoContent(),
        ChangeMember.Result.NotFound => TypedResults.NotFound(),
        ChangeMember.Result.LastOwner => TypedResults.Problem(title: "A workspace needs an owner",
            detail: "Make somebody else owner first.", statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "Not allowed", detail: "Only owners change owners, and nobody grants more than their own role.",
            statusCode: StatusCodes.Status403Forbidden),
    };

    public static async Task<MembersDto> ListAsync(IDbContextFactory<TertuliaDb> dbs, int workspaceId, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var members = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, m.Role, m.JoinedAt })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.AcceptedAt == null)
            .ToListAsync(ct);
        return new MembersDto(
            members.OrderByDescending(m => m.Role).ThenBy(m => m.Email).Select(m => new MemberDto(m.UserId, m.Email ?? "", m.Role, m.JoinedAt)).ToList(),
            invitations.Where(i => i.ExpiresAt > now).OrderBy(i => i.Email).Select(i => new InvitationDto(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt)).ToList());
    }
}
