namespace Tertulia.Channels.Bluesky.AtProto;

/// <summary>
/// A CAR v1 file (content-addressed archive), as a firehose commit carries its blocks: a varint-prefixed
/// DAG-CBOR header {version: 1, roots: [CID]} then sections of varint length, CID, block bytes.
/// The blocks are kept as slices of the input; nothing is copied.
/// </summary>
public sealed class CarFile
{
    public const int MaxBlocks = 100_000;

    private readonly Dictionary<Cid, ReadOnlyMemory<byte>> _blocks;

    private CarFile(IReadOnlyList<Cid> roots, Dictionary<Cid, ReadOnlyMemory<byte>> blocks)
    {
        Roots = roots;
        _blocks = blocks;
    }

    public IReadOnlyList<Cid> Roots { get; }

    public int Count => _blocks.Count;

    public bool TryGetBlock(Cid cid, out ReadOnlyMemory<byte> block) => _blocks.TryGetValue(cid, out block);

    public static CarFile Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var at = 0;
        var headerLength = Varint.Read(span, ref at);
        if (headerLength == 0 || headerLength > (ulong)(data.Length - at))
        {
            throw new FormatException("The CAR header is truncated.");
        }
        var header = DagCbor.Decode(data.Slice(at, (int)headerLength)) as Dictionary<string, object?>
            ?? throw new FormatException("The CAR header is not a map.");
        if (header.Long("version") != 1)
        {
            throw new FormatException("Only CAR version 1 is supported.");
        }
        var roots = header.List("roots")?.OfType<Cid>().ToList() ?? [];
        at += (int)headerLength;

        var blocks = new Dictionary<Cid, ReadOnlyMemory<byte>>();
        while (at < span.Length)
        {
            var sectionLength = Varint.Read(span, ref at);
            if (sectionLength == 0 || sectionLength > (ulong)(span.Length - at))
            {
                throw new FormatException("A CAR section is truncated.");
            }
            var section = data.Slice(at, (int)sectionLength);
            var cid = Cid.Read(section.Span, out var cidLength);
            blocks[cid] = section[cidLength..];
            at += (int)sectionLength;
            if (blocks.Count > MaxBlocks)
            {
                throw new FormatException($"The CAR file has more than {MaxBlocks} blocks.");
            }
        }
        return new CarFile(roots, blocks);
    }
}
