using Tertulia.Channels.Bluesky.AtProto;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// One message of <c>com.atproto.sync.subscribeRepos</c>: a DAG-CBOR header ({op: 1, t: "#commit"}, or {op: -1}
/// for an error) followed by a DAG-CBOR body. Of a commit, only the posts it creates are read: their records are
/// looked up by CID in the commit's CAR blocks.
/// </summary>
public sealed record FirehoseFrame
{
    /// <summary>A frame larger than this is refused unread (the relay limits commits to about 2 MB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public const string PostCollection = "app.bsky.feed.post";

    /// <summary>"#commit", "#identity", "#account", "#sync", "#info", or "error".</summary>
    public required string Type { get; init; }
    public long? Seq { get; init; }
    /// <summary>The DID of the repository a commit or an identity event is about.</summary>
    public string? Repo { get; init; }
    /// <summary>An identity event's new handle.</summary>
    public string? Handle { get; init; }
    public DateTimeOffset? Time { get; init; }
    public IReadOnlyList<FirehosePost> Posts { get; init; } = [];
    /// <summary>Posts of this commit that could not be read (record missing from the blocks, wrong shape).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>An error frame's or an #info frame's name (FutureCursor, ConsumerTooSlow, OutdatedCursor...) and message.</summary>
    public string? Name { get; init; }
    public string? Message { get; init; }

    public static FirehoseFrame Parse(ReadOnlyMemory<byte> data)
    {
        if (data.Length > MaxBytes)
        {
            throw new FormatException($"The frame has {data.Length} bytes, more than {MaxBytes}.");
        }
        var header = DagCbor.DecodeFirst(data, out var headerLength) as Dictionary<string, object?>
            ?? throw new FormatException("The frame header is not a map.");
        var body = DagCbor.Decode(data[headerLength..]) as Dictionary<string, object?>
            ?? throw new FormatException("The frame body is not a map.");
        var op = header.Long("op") ?? throw new FormatException("The frame header has no op.");
        if (op == -1)
        {
            return new FirehoseFrame { Type = "error", Name = body.Text("error"), Message = body.Text("message") };
        }
        if (op != 1)
        {
            throw new FormatException($"Unknown frame op {op}.");
        }
        var type = header.Text("t") ?? throw new FormatException("The frame header has no type.");
        var frame = new FirehoseFrame
        {
            Type = type,
            Seq = body.Long("seq"),
            Repo = body.Text("repo") ?? body.Text("did"),
            Handle = body.Text("handle"),
            Time = DateTimeOffset.TryParse(body.Text("time"), out var time) ? time : null,
            Name = body.Text("name"),
            Message = body.Text("message"),
        };
        return type == "#commit" ? frame.WithPosts(body) : frame;
    }

    private FirehoseFrame WithPosts(Dictionary<string, object?> body)
    {
        var repo = Repo ?? throw new FormatException("The commit names no repository.");
        if (!repo.StartsWith("did:", StringComparison.Ordinal))
        {
            throw new FormatException("The commit's repository is not a DID.");
        }
        var ops = body.List("ops") ?? [];
        var creates = ops.OfType<Dictionary<string, object?>>()
            .Where(o => o.Text("action") is "create" && o.Text("path")?.StartsWith(PostCollection + "/", StringComparison.Ordinal) == true)
            .ToList();
        if (creates.Count == 0)
        {
            return this;
        }
        var blocks = body.Bytes("blocks") is { } car ? CarFile.Read(car) : throw new FormatException("The commit has no blocks.");
        var posts = new List<FirehosePost>(creates.Count);
        var problems = new List<string>();
        foreach (var create in creates)
        {
            var path = create.Text("path")!;
            var uri = $"at://{repo}/{path}";
            if (create.Link("cid") is not { } cid || !blocks.TryGetBlock(cid, out var block))
            {
                problems.Add($"{uri}: the record is not in the commit's blocks");
                continue;
            }
            try
            {
                var record = DagCbor.Decode(block) as Dictionary<string, object?>
                    ?? throw new FormatException("the record is not a map");
                posts.Add(FirehosePost.From(uri, cid.ToString(), record));
            }
            catch (FormatException ex)
            {
                problems.Add($"{uri}: {ex.Message}");
            }
        }
        return this with { Posts = posts, Problems = problems };
    }
}
