using System.Diagnostics;
using System.Text;
using Tertulia.Channels;
using Tertulia.Channels.Feeds;
using Xunit;

namespace Tertulia.Tests.Channels.Feeds;

/// <summary>
/// Random mutations of every testdata feed: the parser must never crash (only a <see cref="ChannelException"/>
/// saying why the document is no feed) and never hang. TERTULIA_FUZZ_ITERATIONS and TERTULIA_FUZZ_SEED run it
/// longer or replay a failure; the seed of every failing case is in its message.
/// </summary>
public class FeedFuzzTests
{
    /// <summary>A hang detector, not a speed target: a mutated document of a few KB parses in well under a millisecond.</summary>
    private static readonly TimeSpan PerDocument = TimeSpan.FromSeconds(5);

    private static readonly string[] Fragments =
    [
        "<", ">", "&", "&amp;", "&nbsp;", "&#", "&#x110000;", "&#0;", "]]>", "<![CDATA[", "<!--", "-->", "<?xml version=\"1.0\"?>",
        "</item>", "<item>", "</entry>", "<entry>", "</channel>", "</rss>", "</feed>", "<title>", "</title>", "<link>", "<guid>",
        "xmlns:dc=\"x\"", "<dc:creator>", "\"", "'", "=", "/", "\0", "\u0001", "\uFEFF", "\uFFFF", "é", "€", "\uD800", "{", "}", "[",
        "\"items\":", "<!DOCTYPE rss [<!ENTITY e \"&e;&e;\">]>", "&e;", "<a:b:c>", "<:x>", "</>", "<x y=>",
    ];

    public static IEnumerable<string> Corpus()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "testdata", "feeds");
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order();
    }

    [Fact]
    public void Mutated_feeds_never_crash_the_parser_and_never_hang()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("TERTULIA_FUZZ_ITERATIONS"), out var n) ? n : 150;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TERTULIA_FUZZ_SEED"), out var s) ? s : 20261205;
        var documents = Corpus().Select(File.ReadAllBytes).ToList();
        var parsed = 0;
        var refused = 0;
        for (var i = 0; i < iterations; i++)
        {
            foreach (var (original, index) in documents.Select((d, k) => (d, k)))
            {
                var caseSeed = HashCode.Combine(seed, i, index);
                var mutated = Mutate(original, new Random(caseSeed));
                var clock = Stopwatch.StartNew();
                try
                {
                    var feed = FeedParser.Parse(mutated, new Uri("https://blog.example/feed/"));
                    Assert.All(feed.Items, item => Assert.False(string.IsNullOrEmpty(item.ExternalId)));
                    parsed++;
                }
                catch (ChannelException)
                {
                    refused++;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"case seed {caseSeed} (document {index}, iteration {i}) crashed the parser: {ex}");
                }
                Assert.True(clock.Elapsed < PerDocument, $"case seed {caseSeed} took {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }
        Assert.True(parsed > refused, $"most mutations stay readable ({parsed} read, {refused} refused)");
    }

    [Theory]
    [InlineData(100_000)]
    public void Adversarial_documents_are_read_in_bounded_time(int size)
    {
        var deep = "<rss><channel>" + string.Concat(Enumerable.Repeat("<item><title>", size / 13)) + "x";
        var opens = "<feed xmlns=\"http://www.w3.org/2005/Atom\">" + new string('<', size);
        var amps = "<rss><channel><item><title>" + string.Concat(Enumerable.Repeat("&&#&#x&nbsp", size / 11)) + "</title><guid>1</guid></item></channel></rss>";
        var cdata = "<rss><channel><item><description><![CDATA[" + new string('a', size);
        var attributes = "<rss><channel><item " + string.Concat(Enumerable.Repeat("a='1' b=\"2\" c=3 ", size / 16)) + ">";
        foreach (var document in new[] { deep, opens, amps, cdata, attributes })
        {
            var clock = Stopwatch.StartNew();
            try
            {
                FeedParser.Parse(Encoding.UTF8.GetBytes(document));
            }
            catch (ChannelException)
            {
            }
            Assert.True(clock.Elapsed < PerDocument, $"a {document.Length}-character document took {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var count = random.Next(1, 6);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: // flip a byte
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1: // delete a range
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2: // duplicate a range
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 3: // insert a fragment that breaks markup
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 4: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5: // random bytes
                    var noise = new byte[random.Next(1, 16)];
                    random.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
                default: // swap two halves
                    var head = bytes.GetRange(0, at);
                    bytes.RemoveRange(0, at);
                    bytes.AddRange(head);
                    break;
            }
        }
        return [.. bytes];
    }
}
