using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Understanding;
using Tertulia.Access;

namespace Tertulia.Mentions;

public static class MentionsApi
{
    public sealed record MentionDto(
        long Id, int ChannelId, string Kind, string? Url, string? Author, DateTimeOffset Published,
        string? Title, string Text, string? Language, long? ParentId,
        string? Sentiment, double? SentimentScore, string? Intent, bool IsSpam,
        // True when the source gave no readable date and Published is when Tertulia first saw the mention.
        bool PublishedIsFirstSeen = false)
    {
        public static MentionDto From(Mention m) => new(
            m.Id, m.ChannelId, m.Kind.ToString().ToLowerInvariant(), m.Url, m.Author, m.Published,
            m.Title, m.Text, m.Language, m.ParentId,
            m.Sentiment?.ToString().ToLowerInvariant(), m.SentimentScore, m.Intent?.ToString().ToLowerInvariant(), m.IsSpam,
            m.PublishedIsFirstSeen);
    }

    /// <summary>
    /// <see cref="TotalRelation"/> says what <see cref="Total"/> is: "eq", exactly that many; "gte", at least that many
    /// (past 1,000 matches, or a re-checked query stopped early, the total is not counted to the end).
    /// </summary>
    public sealed record MentionPageDto(IReadOnlyList<MentionDto> Items, int Total, int Page, int PageSize, string TotalRelation = "eq")
    {
        public const string TotalIsExact = "eq";
        public const string TotalIsAtLeast = "gte";
    }

    public sealed record MentionDetailDto(MentionDto Mention, string? Html, MentionDto? Parent, IReadOnlyList<MentionDto> Comments);

    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapMentionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId:int}/mentions").WithTags("Mentions").RequireWorkspaceRole(WorkspaceRole.Viewer);

        group.MapGet("/", async Task<Results<Ok<MentionPageDto>, NotFound, ProblemHttpResult>> (
            int workspaceId, string? q, int? page, int? pageSize, int? channelId, int? queryId,
            string? sentiment, string? intent, string? lang, bool? spam, string? sort,
            IMentionSearch search, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            if (!UnderstandingFilter.TryParse(sentiment, intent, lang, out var understood, out var filterError))
            {
                return TypedResults.Problem(title: "Invalid filter", detail: filterError, statusCode: StatusCodes.Status400BadRequest);
            }
            if (!MentionOrders.TryParse(sort, out var order))
            {
                return TypedResults.Problem(title: "Invalid sort", detail: $"sort must be 'newest' or 'relevance', not '{sort}'.", statusCode: StatusCodes.Status400BadRequest);
            }
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
                {
                    return TypedResults.NotFound();
                }
            }
            QueryNode? query = null;
            if (!string.IsNullOrWhiteSpace(q) && !QueryParser.TryParse(q, out query, out var error))
            {
                return QueryProblem.Of(error!);
            }
            var size = Math.Clamp(pageSize ?? 20, 1, MaxPageSize);
            var number = Math.Max(page ?? 1, 1);
            var result = await search.SearchAsync(new MentionFilter(workspaceId, query, number, size)
            {
                ChannelId = channelId,
                QueryId = queryId,
                Sentiment = understood.Sentiment,
                Intent = understood.Intent,
                Language = understood.Language,
                Spam = spam,
                Order = order,
            }, ct);
            return TypedResults.Ok(new MentionPageDto(result.Items.Select(MentionDto.From).ToList(), result.Total, number, size,
                result.TotalIsLowerBound ? MentionPageDto.TotalIsAtLeast : MentionPageDto.TotalIsExact));
        }).WithName("SearchMentions");

        group.MapGet("/{mentionId:long}", async Task<Results<Ok<MentionDetailDto>, NotFound>> (
            int workspaceId, long mentionId, IDbContextFactory<TertuliaDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mentionId && m.WorkspaceId == workspaceId, ct);
            if (mention is null)
            {
                return TypedResults.NotFound();
            }
            var parent = mention.ParentId is { } pid ? await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == pid, ct) : null;
            var comments = await db.Mentions.AsNoTracking().Where(m => m.ParentId == mentionId)
                .OrderBy(m => m.Published).ThenBy(m => m.Id).Take(500).ToListAsync(ct);
            return TypedResults.Ok(new MentionDetailDto(MentionDto.From(mention), mention.Html,
                parent is null ? null : MentionDto.From(parent), comments.ConvertAll(MentionDto.From)));
        }).WithName("GetMention");

        return app;
    }
}
