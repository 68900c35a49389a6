using System.Text;
using System.Text.RegularExpressions;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// The links, @mentions and #hashtags of a post's text with their UTF-8 byte offsets (start inclusive, end
/// exclusive), as Bluesky's facets count them: without facets they show as plain, unclickable text.
/// </summary>
public static partial class RichText
{
    public enum FacetKind { Link, Mention, Tag }

    /// <summary><paramref name="Value"/>: the URL, the handle (no @) or the tag (no #).</summary>
    public sealed record Facet(FacetKind Kind, int ByteStart, int ByteEnd, string Value);

    public static List<Facet> Find(string text)
    {
        var facets = new List<Facet>();
        foreach (Match match in LinkPattern().Matches(text))
        {
            // A sentence's last full stop or closing bracket is not part of the link.
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '»', '"', '\'');
            facets.Add(Make(text, FacetKind.Link, match.Index, url.Length, url));
        }
        foreach (var (start, end, handle) in BlueskyReplier.Mentions(text))
        {
            facets.Add(new Facet(FacetKind.Mention, start, end, handle));
        }
        foreach (Match match in TagPattern().Matches(text))
        {
            var tag = match.Groups["tag"];
            // "#1" or "#2027" are numbers, not tags; inside a link they are the link's.
            if (tag.Value.All(char.IsDigit) || facets.Any(f => f.Kind == FacetKind.Link && Overlaps(text, f, match.Index)))
            {
                continue;
            }
            facets.Add(Make(text, FacetKind.Tag, match.Index, match.Length, tag.Value));
        }
        return facets.OrderBy(f => f.ByteStart).ToList();
    }

    private static bool Overlaps(string text, Facet link, int charIndex)
    {
        var at = Encoding.UTF8.GetByteCount(text.AsSpan(0, charIndex));
        return at >= link.ByteStart && at < link.ByteEnd;
    }

    private static Facet Make(string text, FacetKind kind, int index, int length, string value)
    {
        var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
        return new Facet(kind, start, start + Encoding.UTF8.GetByteCount(text.AsSpan(index, length)), value);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(?<=^|[\s(¡¿])#(?<tag>[\p{L}\p{N}_]{1,64})")]
    private static partial Regex TagPattern();
}
