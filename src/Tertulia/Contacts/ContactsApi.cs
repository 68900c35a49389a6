using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Contacts;

public static class ContactsApi
{
    public sealed record ContactDto(
        int Id, string DisplayName, bool IsBrand, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, int MentionCount,
        int? MergedIntoId, double Strength, IReadOnlyList<IdentityDto> Identities);

    public sealed record IdentityDto(long Id, string Kind, string Value);

    public sealed record ContactPageDto(IReadOnlyList<ContactDto> Items, int Page, int PageSize, bool HasMore);

    public sealed record MergeDto(
        int Id, int SurvivorId, string SurvivorName, int AbsorbedId, string AbsorbedName, DateTimeOffset MergedAt, string? MergedBy,
        bool Automatic, string Reason, DateTimeOffset? UndoneAt, string? UndoneBy);

    public sealed record ConversationDto(long RootMentionId, string? Title, string Snippet, string? Author, int TheirMessages, DateTimeOffset LastAt);

    public sealed record RelationshipDto(double Strength, int Exchanges, DateTimeOffset? LastExchangeAt);

    public sealed record ContactDetailDto(
        ContactDto Contact,
        IReadOnlyList<ConversationDto> Conversations,
        IReadOnlyList<ContactProfile.SentimentWeek> SentimentByWeek,
        IReadOnlyList<ContactProfile.Topic> Hashtags,
        IReadOnlyList<ContactProfile.Topic> Terms,
        IReadOnlyList<ContactProfile.QueryTopic> ListeningQueries,
        RelationshipDto Relationship,
        IReadOnlyList<MergeDto> Merges,
        IReadOnlyList<MentionsApi.MentionDto> RecentMentions,
        bool Following);

    public sealed record FeedPageDto(IReadOnlyList<FeedItemDto> Items, int Page, int PageSize, bool HasMore);

    public sealed record FeedItemDto(int ContactId, string ContactName, MentionsApi.MentionDto Mention);

    public sealed record MergeRequest(int OtherContactId);

    public sealed record UnmergeRequest(int MergeId);

    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/contacts").WithTags("Contacts");
        var reads = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Viewer);
        var changes = group.MapGroup("").RequireWorkspaceRole(WorkspaceRole.Agent);

        reads.MapGet("/", async Task<Results<Ok<ContactPageDto>, NotFound>> (
            int workspaceId, string? q, int? page, int? pageSize, IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return TypedResults.NotFound();
            }
            var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
            var number = Math.Max(page ?? 1, 1);
            var found = await ContactList.SearchAsync(db, workspaceId, q, (number - 1) * size, size + 1, ct);
            var items = await ToDtosAsync(db, found.Take(size).ToList(), clock.GetUtcNow(), ct);
            return TypedResults.Ok(new ContactPageDto(items, number, size, found.Count > size));
        }).WithName("ListContacts").WithSummary("Lists or searches (by name, email, handle or profile URL) the workspace's contacts, most recently seen first.");

        reads.MapGet("/{contactId:int}", async Task<Results<Ok<ContactDetailDto>, NotFound>> (
            int workspaceId, int contactId, ClaimsPrincipal user, IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var profile = await ContactProfile.LoadAsync(db, workspaceId, contactId, user.UserId(), clock.GetUtcNow(), ct);
            return profile is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(profile));
        }).WithName("GetContact").WithSummary("A contact's profile: identities, conversations, sentiment by week, topics, relationship strength, merges.");

        reads.MapGet("/{contactId:int}/mentions", async Task<Results<Ok<MentionsApi.MentionPageDto>, NotFound>> (
            int workspaceId, int contactId, int? page, int? pageSize, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.WorkspaceId == workspaceId, ct);
            if (contact is null)
            {
                return TypedResults.NotFound();
            }
            var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
            var number = Math.Max(page ?? 1, 1);
            var mentions = await db.Mentions.AsNoTracking().Where(m => m.ContactId == contactId)
                .OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
                .Skip((number - 1) * size).Take(size).ToListAsync(ct);
            return TypedResults.Ok(new MentionsApi.MentionPageDto(mentions.ConvertAll(MentionsApi.MentionDto.From), contact.MentionCount, number, size));
        }).WithName("ListContactMentions").WithSummary("Everything a contact said, newest first.");

        changes.MapPost("/{contactId:int}/merge", async Task<Results<Ok<MergeDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, int contactId, MergeRequest request, ClaimsPrincipal user, MergeContacts handler, CancellationToken ct) =>
        {
            var outcome = await handler.MergeAsync(workspaceId, contactId, request.OtherContactId, user.UserId(), ct);
            return outcome switch
            {
                { NotFound: true } => TypedResults.NotFound(),
                { Error: { } error } => TypedResults.Problem(title: "The contacts were not merged", detail: error, statusCode: outcome.Status),
                _ => TypedResults.Ok(outcome.Merge!),
            };
        }).WithName("MergeContacts").WithSummary("Merges another contact into this one: its identities and mentions move here, and the merge can be undone.");

        changes.MapPost("/{contactId:int}/unmerge", async Task<Results<Ok<MergeDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, int contactId, UnmergeRequest request, ClaimsPrincipal user, MergeContacts handler, CancellationToken ct) =>
        {
            var outcome = await handler.UnmergeAsync(workspaceId, contactId, request.MergeId, user.UserId(), ct);
            return outcome switch
            {
                { NotFound: true } => TypedResults.NotFound(),
                { Error: { } error } => TypedResults.Problem(title: "The merge was not undone", detail: error, statusCode: outcome.Status),
                _ => TypedResults.Ok(outcome.Merge!),
            };
        }).WithName("UnmergeContacts").WithSummary("Undoes a merge of this contact: the absorbed contact gets back exactly its identities and mentions.");

        changes.MapPut("/{contactId:int}/follow", async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> (
            int workspaceId, int contactId, ClaimsPrincipal user, FollowContacts follows, CancellationToken ct) =>
            await follows.FollowAsync(workspaceId, contactId, user.UserId(), follow: true, ct) switch
            {
                FollowContacts.Result.Done => TypedResults.NoContent(),
                FollowContacts.Result.NotSignedIn => TypedResults.Unauthorized(),
                _ => TypedResults.NotFound(),
            }).WithName("FollowContact").WithSummary("Follows a contact: everything they say appears in your followed feed.");

        changes.MapDelete("/{contactId:int}/follow", async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> (
            int workspaceId, int contactId, ClaimsPrincipal user, FollowContacts follows, CancellationToken ct) =>
            await follows.FollowAsync(workspaceId, contactId, user.UserId(), follow: false, ct) switch
            {
                FollowContacts.Result.Done => TypedResults.NoContent(),
                FollowContacts.Result.NotSignedIn => TypedResults.Unauthorized(),
                _ => TypedResults.NotFound(),
            }).WithName("UnfollowContact");

        reads.MapGet("/followed/mentions", async Task<Results<Ok<FeedPageDto>, NotFound, UnauthorizedHttpResult>> (
            int workspaceId, int? page, int? pageSize, ClaimsPrincipal user, FollowContacts follows, CancellationToken ct) =>
        {
            if (user.UserId() is not { } userId)
            {
                return TypedResults.Unauthorized();
            }
            var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
            var number = Math.Max(page ?? 1, 1);
            var feed = await follows.FeedAsync(workspaceId, userId, (number - 1) * size, size + 1, ct);
            if (feed is null)
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Ok(new FeedPageDto(
                feed.Take(size).Select(f => new FeedItemDto(f.Contact.Id, f.Contact.DisplayName, MentionsApi.MentionDto.From(f.Mention))).ToList(),
                number, size, feed.Count > size));
        }).WithName("FollowedContactsFeed").WithSummary("Everything the contacts you follow said, newest first.");

        return app;
    }

    public static ContactDetailDto ToDto(ContactProfile p) => new(
        ToDto(p.Contact, p.Closeness.Strength, p.Identities),
        p.Conversations.Select(c => new ConversationDto(c.RootMentionId, c.RootTitle, c.RootSnippet, c.RootAuthor, c.TheirMessages, c.LastAt)).ToList(),
        p.SentimentByWeek,
        p.Hashtags,
        p.Terms,
        p.Queries,
        new RelationshipDto(p.Closeness.Strength, p.Closeness.Exchanges, p.Closeness.LastExchangeAt),
        p.Merges.Select(m => ToDto(m.Merge, m.SurvivorName, m.AbsorbedName)).ToList(),
        p.RecentMentions.Select(MentionsApi.MentionDto.From).ToList(),
        p.Following);

    public static ContactDto ToDto(Contact c, double strength, IEnumerable<ContactIdentity> identities) => new(
        c.Id, c.DisplayName, c.IsBrand, c.FirstSeenAt, c.LastSeenAt, c.MentionCount, c.MergedIntoId, strength,
        identities.Select(i => new IdentityDto(i.Id, i.Kind.ToString().ToLowerInvariant(), i.Display)).ToList());

    public static MergeDto ToDto(ContactMerge m, string survivorName, string absorbedName) => new(
        m.Id, m.SurvivorId, survivorName, m.AbsorbedId, absorbedName, m.MergedAt, m.MergedBy, m.Automatic, m.Reason, m.UndoneAt, m.UndoneBy);

    private static async Task<List<ContactDto>> ToDtosAsync(TertuliaDb db, List<Contact> contacts, DateTimeOffset now, CancellationToken ct)
    {
        var ids = contacts.Select(c => c.Id).ToList();
        var identities = (await db.ContactIdentities.AsNoTracking().Where(i => ids.Contains(i.ContactId)).OrderBy(i => i.Kind).ThenBy(i => i.Id).ToListAsync(ct))
            .ToLookup(i => i.ContactId);
        var exchanges = await RelationshipStrength.ExchangesAsync(db, ids, ct);
        return contacts.ConvertAll(c => ToDto(c, RelationshipStrength.Of(exchanges.GetValueOrDefault(c.Id) ?? [], now), identities[c.Id]));
    }
}
