using System.Text.Json;

namespace Tertulia.Demo;

/// <summary>
/// The demo business and what its customers say, shipped with the app (Demo/Content/demo.json).
/// <paramref name="BrandAuthors"/> are the names the business writes under on the demo blogs: what they post and
/// answer is the brand's, not a customer's.
/// </summary>
public sealed record DemoContent(
    DemoWorkspaceInfo Workspace, IReadOnlyList<DemoQuery> Queries, IReadOnlyList<DemoBlog> Blogs, IReadOnlyList<string>? BrandAuthors = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoContent Load()
    {
        using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream("Tertulia.Demo.Content.demo.json")
            ?? throw new InvalidOperationException("The demo content is missing from the build.");
        return JsonSerializer.Deserialize<DemoContent>(stream, Json)
            ?? throw new InvalidOperationException("The demo content is empty.");
    }
}

public sealed record DemoWorkspaceInfo(string Name, string Description);

/// <summary><paramref name="Role"/>: brand, competitor or topic (the default), as a listening query's role.</summary>
public sealed record DemoQuery(string Name, string Query, string? Role = null);

public sealed record DemoBlog(string Slug, string Format, string Title, string Link, string Description, string Language, IReadOnlyList<DemoPost> Posts);

public sealed record DemoPost(string Slug, string Title, string Author, double HoursAgo, string Html, IReadOnlyList<DemoComment> Comments)
{
    /// <summary>
    /// The comment that comment <paramref name="index"/> answers (its index), or null when it answers the post: the
    /// latest comment before it by the author its <see cref="DemoComment.ReplyTo"/> names.
    /// </summary>
    public int? ParentOf(int index)
    {
        var comment = Comments[index];
        if (comment.ReplyTo is not { } author)
        {
            return null;
        }
        var earlier = Comments.Select((c, i) => (c, i)).Where(x => x.c.Author == author && x.c.HoursAgo > comment.HoursAgo).ToList();
        return earlier.Count == 0
            ? throw new InvalidOperationException($"Demo comment {index + 1} of '{Slug}' answers {author}, who wrote nothing before it.")
            : earlier.MinBy(x => x.c.HoursAgo).i;
    }
}

/// <summary>
/// <paramref name="Kind"/>: what the writer meant (praise, question, complaint, suggestion, crisis, brand-reply,
/// other), for people reading the content. <paramref name="ReplyTo"/>: the author of the earlier comment this one
/// answers; without it, a comment answers the post.
/// </summary>
public sealed record DemoComment(string Author, double HoursAgo, string Lang, string Html, string Kind, string? ReplyTo = null);
