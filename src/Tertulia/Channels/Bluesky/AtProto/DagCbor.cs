using System.Formats.Cbor;

namespace Tertulia.Channels.Bluesky.AtProto;

/// <summary>
/// Reads DAG-CBOR (the CBOR subset AT Protocol uses) into plain values: maps with text keys become
/// <see cref="Dictionary{TKey,TValue}"/> of string, arrays <see cref="List{T}"/>, text strings, integers as long,
/// byte strings as byte[], tag 42 as <see cref="Cid"/>. Input comes from the network: nesting and sizes are bounded and
/// anything else is a <see cref="FormatException"/>.
/// </summary>
public static class DagCbor
{
    public const int MaxDepth = 32;

    /// <summary>Reads exactly one value that fills <paramref name="data"/>.</summary>
    public static object? Decode(ReadOnlyMemory<byte> data)
    {
        var value = DecodeFirst(data, out var length);
        if (length != data.Length)
        {
            throw new FormatException("Bytes follow the CBOR value.");
        }
        return value;
    }

    /// <summary>Reads the value at the start of <paramref name="data"/> and says how many bytes it took.</summary>
    public static object? DecodeFirst(ReadOnlyMemory<byte> data, out int length)
    {
        var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
        try
        {
            var value = ReadValue(reader, 0);
            length = data.Length - reader.BytesRemaining;
            return value;
        }
        catch (CborContentException ex)
        {
            throw new FormatException($"Invalid CBOR: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"Invalid CBOR: {ex.Message}", ex);
        }
    }

    private static object? ReadValue(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"CBOR nested deeper than {MaxDepth} levels.");
        }
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
            {
                var count = reader.ReadStartMap();
                var map = new Dictionary<string, object?>(count is { } n && n < 64 ? n : 4, StringComparer.Ordinal);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (reader.PeekState() != CborReaderState.TextString)
                    {
                        throw new FormatException("DAG-CBOR map keys must be text.");
                    }
                    var key = reader.ReadTextString();
                    map[key] = ReadValue(reader, depth + 1);
                }
                reader.ReadEndMap();
                return map;
            }
            case CborReaderState.StartArray:
            {
                var count = reader.ReadStartArray();
                var list = new List<object?>(count is { } n && n < 256 ? n : 4);
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(ReadValue(reader, depth + 1));
                }
                reader.ReadEndArray();
                return list;
            }
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            case CborReaderState.UnsignedInteger:
                return checked((long)reader.ReadUInt64());
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return reader.ReadDouble();
            case CborReaderState.Tag:
            {
                var tag = reader.ReadTag();
                if (tag != (CborTag)42)
                {
                    throw new FormatException($"DAG-CBOR allows only tag 42 (CID links), not {(ulong)tag}.");
                }
                var bytes = reader.ReadByteString();
                if (bytes.Length < 2 || bytes[0] != 0)
                {
                    throw new FormatException("A CID link must start with the identity multibase prefix 0x00.");
                }
                return Cid.FromBytes(bytes.AsSpan(1));
            }
            default:
                throw new FormatException($"Unexpected CBOR item {reader.PeekState()}.");
        }
    }
}

/// <summary>Typed reads of decoded DAG-CBOR maps, so a wrong type reads as absent instead of crashing.</summary>
public static class CborMap
{
    public static Dictionary<string, object?>? Map(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as Dictionary<string, object?>;

    public static List<object?>? List(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as List<object?>;

    public static string? Text(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as string;

    public static long? Long(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) is long value ? value : null;

    public static byte[]? Bytes(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) as byte[];

    public static Cid? Link(this Dictionary<string, object?>? map, string key) =>
        map?.GetValueOrDefault(key) is Cid cid ? cid : null;
}
