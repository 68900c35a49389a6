using System.Xml.Linq;

namespace Tertulia.Channels.Feeds;

/// <summary>The namespaces feed readers look in, and lookups that forgive a missing or unexpected namespace.</summary>
internal static class FeedNames
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Atom03 = "http://purl.org/atom/ns#";
    public static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static readonly XNamespace Rss10 = "http://purl.org/rss/1.0/";
    public static readonly XNamespace Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace Wfw = "http://wellformedweb.org/CommentAPI/";
    public static readonly XNamespace Thr = "http://purl.org/syndication/thread/1.0";
    public static readonly XNamespace Feedburner = "http://rssnamespace.org/feedburner/ext/1.0";
    public static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>Children named <paramref name="local"/> in <paramref name="ns"/> or in no namespace (sloppy documents drop it).</summary>
    public static IEnumerable<XElement> All(XElement parent, XNamespace ns, string local) =>
        parent.Elements().Where(e => e.Name.LocalName == local && (e.Name.Namespace == ns || e.Name.Namespace == XNamespace.None));

    public static XElement? One(XElement parent, XNamespace ns, string local) => All(parent, ns, local).FirstOrDefault();

    public static string? Value(XElement parent, XNamespace ns, string local) => One(parent, ns, local)?.Value;

    /// <summary>Children in a module namespace (dc:, content:...), exactly.</summary>
    public static string? Module(XElement parent, XName name) => parent.Element(name)?.Value;
}
