using System.Diagnostics;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Tertulia.Channels;
using Tertulia.Channels.Feeds;

namespace Tertulia.Bench;

/// <summary>
/// Feed parse throughput per format over the parser's testdata table (tests/Tertulia.Tests/testdata/feeds/table),
/// before and after in the same run: the "before" is a bare reader over the same bytes — SyndicationFeed.Load for the
/// formats it knows (RSS 2.0, Atom 1.0), a plain XmlReader pass for those it refuses (RSS 0.91/0.92, RSS 1.0 RDF,
/// Atom 0.3) and
/// System.Text.Json for JSON Feed — and the "after" is Tertulia's whole feed reader (decoding, repair, recovery,
/// normalisation of dates, links, titles and identities). A document the bare reader refuses counts its time and no
/// items. Rounds alternate between the two readers, <see cref="Repeats"/> times; the medians are printed.
/// </summary>
public static class FeedParseBench
{
    private const int Repeats = 5;

    private sealed record Document(string Name, string Group, FeedFormat Format, byte[] Bytes);

    public static int Run(double seconds, string? folder)
    {
        folder ??= FindTable();
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("feeds: testdata/feeds/table not found; pass its folder as the second argument");
            return 2;
        }
        var documents = Directory.GetFiles(folder).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order()
            .Select(f =>
            {
                var bytes = File.ReadAllBytes(f);
                var format = FeedParser.Parse(bytes, Base).Format;
                return new Document(Path.GetFileName(f), GroupOf(format), format, bytes);
            })
            .ToList();
        Console.WriteLine($"feeds: {documents.Count} documents from {Path.GetFullPath(folder)}, {seconds:0.#} s per reader per repeat, {Repeats} repeats, {Environment.ProcessorCount} cores");

        // Warm-up: both readers JIT-compiled before anything is timed.
        foreach (var document in documents)
        {
            Bare(document);
            Tertulia(document);
        }

        var rows = new List<string[]>();
        var like = new List<string[]>();
        foreach (var group in documents.GroupBy(d => d.Group).OrderBy(g => Array.IndexOf(Groups, g.Key)))
        {
            var all = group.ToList();
            var bareRead = all.Select(d => (Document: d, Items: Bare(d))).ToList();
            var clean = bareRead.Where(r => r.Items >= 0).Select(r => r.Document).ToList();
            var before = Measure(all, Bare, seconds);
            var after = Measure(all, Tertulia, seconds);
            rows.Add(Row(group.Key, all.Count, $"{clean.Count}/{all.Count}", bareRead.Sum(r => Math.Max(0, r.Items)), all.Sum(Tertulia), before, after));
            if (clean.Count > 0 && clean.Count < all.Count)
            {
                var cleanBefore = Measure(clean, Bare, seconds);
                var cleanAfter = Measure(clean, Tertulia, seconds);
                like.Add(Row(group.Key, clean.Count, $"{clean.Count}/{clean.Count}", clean.Sum(Bare), clean.Sum(Tertulia), cleanBefore, cleanAfter));
            }
        }

        string[] header = ["format", "docs", "bare read", "items bare", "items Tertulia", "bare items/s", "Tertulia items/s", "Tertulia/bare", "bare docs/s", "Tertulia docs/s"];
        Console.WriteLine();
        Console.WriteLine("All documents of each format (a document the bare reader refuses costs its time and gives no items):");
        Print(header, rows);
        if (like.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Like for like: only the documents the bare reader also reads:");
            Print(header, like);
        }
        Console.WriteLine();
        Console.WriteLine("bare = SyndicationFeed.Load (RSS 2.0, Atom 1.0), XmlReader pass (RSS 0.91/0.92, which SyndicationFeed refuses; RSS 1.0 RDF; Atom 0.3), JsonDocument (JSON Feed)");
        Console.WriteLine($"load average after: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        return 0;
    }

    private static readonly Uri Base = new("https://blog.example.es/feed/");

    private static readonly string[] Groups = ["RSS 0.9x/2.0", "RSS 1.0 (RDF)", "Atom 1.0", "Atom 0.3", "JSON Feed 1.0/1.1"];

    private static string GroupOf(FeedFormat format) => format switch
    {
        FeedFormat.Rss09 or FeedFormat.Rss20 => Groups[0],
        FeedFormat.Rss10 => Groups[1],
        FeedFormat.Atom10 => Groups[2],
        FeedFormat.Atom03 => Groups[3],
        _ => Groups[4],
    };

    /// <summary>Tertulia's reader: the items it keeps.</summary>
    private static int Tertulia(Document document) => FeedParser.Parse(document.Bytes, Base).Items.Count;

    /// <summary>The bare reader's items, or -1 when it refuses the document.</summary>
    private static int Bare(Document document)
    {
        try
        {
            return document.Format switch
            {
                FeedFormat.Rss20 or FeedFormat.Atom10 => Syndication(document.Bytes),
                // SyndicationFeed refuses RSS 0.91/0.92 outright ("does not support RSS version"), RDF and Atom 0.3.
                FeedFormat.Rss09 or FeedFormat.Rss10 or FeedFormat.Atom03 => PlainXml(document.Bytes),
                _ => Json(document.Bytes),
            };
        }
        catch (Exception ex) when (ex is XmlException or JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return -1;
        }
    }

    private static int Syndication(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        var feed = SyndicationFeed.Load(reader);
        var items = 0;
        foreach (var item in feed.Items)
        {
            // Touch what Tertulia reads, so neither side is spared the work of looking.
            _ = item.Id;
            _ = item.Title?.Text;
            _ = item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text;
            _ = item.Links.FirstOrDefault()?.Uri;
            _ = item.PublishDate;
            _ = item.Authors.FirstOrDefault()?.Name;
            items++;
        }
        return items;
    }

    /// <summary>One pass of XmlReader: entries counted, their child elements' text read.</summary>
    private static int PlainXml(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var items = 0;
        var depth = -1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName is "item" or "entry")
            {
                items++;
                depth = reader.Depth;
            }
            else if (depth >= 0 && reader.Depth == depth + 1 && !reader.IsEmptyElement)
            {
                _ = reader.ReadInnerXml();
            }
        }
        return items;
    }

    private static int Json(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var items = 0;
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            foreach (var name in (string[])["id", "url", "title", "content_html", "content_text", "date_published"])
            {
                _ = item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            items++;
        }
        return items;
    }

    /// <summary>Items per second and documents per second over the documents, read round after round; medians of the repeats.</summary>
    private static (double Items, double Documents) Measure(List<Document> documents, Func<Document, int> read, double seconds)
    {
        var itemRates = new List<double>();
        var documentRates = new List<double>();
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            long items = 0, documentsRead = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds / Repeats)
            {
                foreach (var document in documents)
                {
                    items += Math.Max(0, read(document));
                    documentsRead++;
                }
            }
            watch.Stop();
            itemRates.Add(items / watch.Elapsed.TotalSeconds);
            documentRates.Add(documentsRead / watch.Elapsed.TotalSeconds);
        }
        return (Median(itemRates), Median(documentRates));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string[] Row(string format, int docs, string bareRead, int bareItems, int tertuliaItems, (double Items, double Documents) before, (double Items, double Documents) after) =>
    [
        format, docs.ToString(), bareRead, bareItems.ToString(), tertuliaItems.ToString(),
        before.Items.ToString("N0"), after.Items.ToString("N0"),
        before.Items > 0 ? $"{after.Items / before.Items:0.00}x" : "n/a (bare reads none)",
        before.Documents.ToString("N0"), after.Documents.ToString("N0"),
    ];

    private static void Print(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
    }

    private static string? FindTable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Tertulia.Tests", "testdata", "feeds", "table");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        var here = Path.Combine(Directory.GetCurrentDirectory(), "tests", "Tertulia.Tests", "testdata", "feeds", "table");
        return Directory.Exists(here) ? here : null;
    }
}
