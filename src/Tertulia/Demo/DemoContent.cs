using System.Text.Json;

namespace Tertulia.Demo;

/// <summary>The demo business and what its customers say, shipped with the app (Demo/Content/demo.json).</summary>
public sealed record DemoContent(DemoWorkspaceInfo Workspace, IReadOnlyList<DemoQuery> Queries, IReadOnlyList<DemoBlog> Blogs)
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

public sealed record DemoPost(string Slug, string Title, string Author, double HoursAgo, string Html, IReadOnlyList<DemoComment> Comments);

public sealed record DemoComment(string Author, double HoursAgo, string Lang, string Html, string Kind);
