using System.Buffers.Binary;
using System.Text.Json;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>
/// Frames recorded from the local @atproto/pds firehose (testdata/bluesky/record.mjs made the activity: a customer's
/// post mentioning the brand with a facet, the brand's reply, the customer's answer, a like, an unrelated post and a
/// deleted one). Stored as 4-byte big-endian lengths, each followed by one WebSocket message.
/// </summary>
public static class RecordedFirehose
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "testdata", "bluesky");

    public static IReadOnlyList<byte[]> Frames { get; } = Read(Path.Combine(Folder, "firehose.frames"));

    private static readonly JsonElement Summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "firehose.json"))).RootElement;

    public static string BrandDid => Summary.GetProperty("brand").GetProperty("did").GetString()!;
    public static string BrandHandle => Summary.GetProperty("brand").GetProperty("handle").GetString()!;
    public static string CustomerDid => Summary.GetProperty("customer").GetProperty("did").GetString()!;
    public static string CustomerHandle => Summary.GetProperty("customer").GetProperty("handle").GetString()!;
    /// <summary>The customer's post that mentions the brand.</summary>
    public static string Post => Summary.GetProperty("post").GetString()!;
    /// <summary>The brand's reply to it.</summary>
    public static string Reply => Summary.GetProperty("reply").GetString()!;

    private static List<byte[]> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var frames = new List<byte[]>();
        for (var at = 0; at < data.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            frames.Add(data.AsSpan(at + 4, length).ToArray());
            at += 4 + length;
        }
        return frames;
    }
}
