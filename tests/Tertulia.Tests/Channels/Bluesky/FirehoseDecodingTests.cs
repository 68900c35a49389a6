using System.Security.Cryptography;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Bluesky.AtProto;
using Tertulia.Listening;

namespace Tertulia.Tests.Channels.Bluesky;

/// <summary>DAG-CBOR, CID, CAR and firehose frames, read from frames a real PDS sent.</summary>
public sealed class FirehoseDecodingTests
{
    private static List<FirehoseFrame> All() => RecordedFirehose.Frames.Select(f => FirehoseFrame.Parse(f)).ToList();

    [Fact]
    public void Every_recorded_frame_decodes_with_increasing_sequence_numbers()
    {
        var frames = All();

        Assert.Equal(23, frames.Count);
        var seqs = frames.Select(f => f.Seq!.Value).ToList();
        Assert.Equal(seqs.Order().ToList(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Contains(frames, f => f.Type == "#commit");
        Assert.Contains(frames, f => f.Type == "#identity" && f.Handle == RecordedFirehose.BrandHandle && f.Repo == RecordedFirehose.BrandDid);
        Assert.All(frames, f => Assert.Empty(f.Problems));
    }

    [Fact]
    public void The_customers_post_is_read_from_the_commits_blocks_with_its_mention_facet()
    {
        var post = All().SelectMany(f => f.Posts).Single(p => p.Uri == RecordedFirehose.Post);

        Assert.Equal($"¡Qué roscón más rico! 🥐 Gracias @{RecordedFirehose.BrandHandle} por el de ayer", post.Text);
        Assert.Equal(RecordedFirehose.CustomerDid, post.AuthorDid);
        Assert.Equal([RecordedFirehose.BrandDid], post.MentionedDids);
        Assert.Equal("es", post.Language);
        Assert.Null(post.ReplyParent);
        Assert.StartsWith("bafyrei", post.Cid);
    }

    [Fact]
    public void Replies_carry_their_root_and_parent()
    {
        var posts = All().SelectMany(f => f.Posts).ToList();
        var reply = posts.Single(p => p.Uri == RecordedFirehose.Reply);
        var answer = posts.Single(p => p.Text.StartsWith("Y el pan de masa madre", StringComparison.Ordinal));
        var original = posts.Single(p => p.Uri == RecordedFirehose.Post);

        Assert.Equal(new StrongRef(original.Uri, original.Cid), reply.ReplyParent);
        Assert.Equal(new StrongRef(original.Uri, original.Cid), reply.ReplyRoot);
        Assert.Equal(new StrongRef(reply.Uri, reply.Cid), answer.ReplyParent);
        Assert.Equal(new StrongRef(original.Uri, original.Cid), answer.ReplyRoot);
    }

    [Fact]
    public void Likes_and_deletions_are_not_posts()
    {
        var posts = All().SelectMany(f => f.Posts).Where(p => p.AuthorDid == RecordedFirehose.CustomerDid).ToList();

        // The customer made five records: three posts kept, a like, and a post written then deleted (seen once, created).
        Assert.Equal(4, posts.Count);
        Assert.Single(posts, p => p.Text == "borrador");
    }

    [Fact]
    public void Every_block_of_every_commit_hashes_to_its_CID()
    {
        var checkedBlocks = 0;
        foreach (var data in RecordedFirehose.Frames)
        {
            var header = DagCbor.DecodeFirst(data, out var length) as Dictionary<string, object?>;
            if (header.Text("t") != "#commit")
            {
                continue;
            }
            var body = (Dictionary<string, object?>)DagCbor.Decode(data.AsMemory(length))!;
            var car = CarFile.Read(body.Bytes("blocks")!);
            Assert.Equal(body.Link("commit"), car.Roots.Single());
            foreach (var op in body.List("ops")!.OfType<Dictionary<string, object?>>().Where(o => o.Link("cid") is not null))
            {
                Assert.True(car.TryGetBlock(op.Link("cid")!.Value, out var block));
                var cid = op.Link("cid")!.Value;
                Assert.Equal(Cid.DagCborCodec, cid.Codec);
                // CIDv1, dag-cbor, sha2-256 (0x12), 32 bytes: the digest is the block's SHA-256.
                Assert.Equal(SHA256.HashData(block.Span), cid.Bytes[^32..].ToArray());
                Assert.Equal(cid, Cid.Parse(cid.ToString()));
                checkedBlocks++;
            }
        }
        Assert.True(checkedBlocks >= 6, $"only {checkedBlocks} blocks checked");
    }

    [Fact]
    public void The_brand_keeps_mentions_its_own_answers_replies_to_it_and_what_its_queries_match()
    {
        Assert.True(QueryParser.TryParse("llueve", out var query, out _));
        var interest = new BlueskyInterest(RecordedFirehose.BrandDid, RecordedFirehose.BrandHandle, QuerySet.Compile([(1, query!)]));
        var batch = new FirehoseBatch(interest, new Dictionary<string, string>());
        foreach (var frame in RecordedFirehose.Frames)
        {
            batch.Add(frame);
        }

        var texts = batch.Posts.Select(p => p.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("¡Qué roscón", StringComparison.Ordinal));   // mentions the brand
        Assert.Contains(texts, t => t.Contains("¡Muchas gracias, Lucía!"));                   // the brand's answer
        Assert.Contains(texts, t => t.StartsWith("Y el pan de masa madre", StringComparison.Ordinal)); // replies to it
        Assert.Contains(texts, t => t.StartsWith("Hoy llueve", StringComparison.Ordinal));      // matches a query
        Assert.DoesNotContain("borrador", texts);
        Assert.Empty(batch.Skipped);
        Assert.Equal(RecordedFirehose.Frames.Count, batch.Frames);

        var items = batch.Items();
        var answer = items.Single(i => i.ExternalId == RecordedFirehose.Reply);
        Assert.Equal(RecordedFirehose.Post, answer.ParentExternalId);
        Assert.True(answer.IsComment);
        Assert.Equal("@" + RecordedFirehose.BrandHandle, answer.Author); // learnt from the #identity frames
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("unknown tag")]
    [InlineData("broken blocks")]
    public void A_malformed_frame_is_reported_and_the_stream_goes_on(string damage)
    {
        var frames = RecordedFirehose.Frames;
        var postFrame = frames.First(f => FirehoseFrame.Parse(f).Posts.Any(p => p.Uri == RecordedFirehose.Post));
        var bad = damage switch
        {
            "truncated" => postFrame[..(postFrame.Length / 2)],
            "garbage" => RandomNumberGenerator.GetBytes(200),
            "unknown tag" => [0xa2, 0x62, 0x6f, 0x70, 0x01, 0x61, 0x74, 0xc1, 0x00, 0xa0], // {op:1, t: tag(1) 0}, {}
            _ => Corrupt(postFrame),
        };
        var interest = new BlueskyInterest(RecordedFirehose.BrandDid, RecordedFirehose.BrandHandle, null);
        var batch = new FirehoseBatch(interest, new Dictionary<string, string>());

        batch.Add(frames[0]);
        batch.Add(bad);
        foreach (var frame in frames.Skip(1))
        {
            batch.Add(frame);
        }

        var skipped = Assert.Single(batch.Skipped);
        Assert.StartsWith($"Firehose frame after seq {FirehoseFrame.Parse(frames[0]).Seq}", skipped.Where);
        Assert.Contains(batch.Posts, p => p.Uri == RecordedFirehose.Post);
        Assert.Equal(FirehoseFrame.Parse(frames[^1]).Seq, batch.LastSeq);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_not_followed()
    {
        var deep = Enumerable.Repeat((byte)0x81, 10_000).Append((byte)0x01).ToArray(); // [[[[...1]]]]

        Assert.Throws<FormatException>(() => DagCbor.Decode(deep));
    }

    [Fact]
    public void CIDs_read_and_write_their_base32_text_form()
    {
        const string text = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm";
        var cid = Cid.Parse(text);

        Assert.Equal(text, cid.ToString());
        Assert.Equal(Cid.DagCborCodec, cid.Codec);
        Assert.Equal(36, cid.Bytes.Length);
    }

    private static byte[] Corrupt(byte[] frame)
    {
        // The CAR file's first section length (after the header) is made absurd: the blocks cannot be read.
        var copy = frame.ToArray();
        var marker = "blocks"u8.ToArray();
        var at = copy.AsSpan().IndexOf(marker) + marker.Length;
        // Byte string header (0x59 + 2-byte length), then the CAR header varint: overwrite the header length.
        var carStart = at + (copy[at] == 0x59 ? 3 : copy[at] == 0x5a ? 5 : 2);
        copy[carStart] = 0xff;
        copy[carStart + 1] = 0xff;
        copy[carStart + 2] = 0x7f;
        return copy;
    }
}
