namespace Tertulia.Channels.Bluesky.AtProto;

/// <summary>
/// A content identifier (CIDv1): version, codec and multihash, kept as its binary form. AT Protocol links records
/// and blocks by CID; its text form is multibase base32 ("b" + lower-case RFC 4648, no padding), e.g. "bafyrei...".
/// </summary>
public readonly struct Cid : IEquatable<Cid>
{
    public const ulong DagCborCodec = 0x71;
    public const ulong RawCodec = 0x55;
    private const int MaxDigestLength = 64;

    private readonly byte[] _bytes;

    private Cid(byte[] bytes, ulong codec)
    {
        _bytes = bytes;
        Codec = codec;
    }

    public ulong Codec { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Reads one binary CID at the start of <paramref name="data"/> and says how many bytes it took.</summary>
    public static Cid Read(ReadOnlySpan<byte> data, out int length)
    {
        if (data.Length >= 2 && data[0] == 0x12 && data[1] == 0x20)
        {
            throw new FormatException("CIDv0 is not used by AT Protocol.");
        }
        var at = 0;
        var version = Varint.Read(data, ref at);
        if (version != 1)
        {
            throw new FormatException($"Unsupported CID version {version}.");
        }
        var codec = Varint.Read(data, ref at);
        Varint.Read(data, ref at); // multihash code (sha2-256 = 0x12)
        var digestLength = Varint.Read(data, ref at);
        if (digestLength > MaxDigestLength || (ulong)(data.Length - at) < digestLength)
        {
            throw new FormatException("The CID's digest is truncated or too long.");
        }
        length = at + (int)digestLength;
        return new Cid(data[..length].ToArray(), codec);
    }

    /// <summary>A CID that must fill <paramref name="data"/> exactly.</summary>
    public static Cid FromBytes(ReadOnlySpan<byte> data)
    {
        var cid = Read(data, out var length);
        if (length != data.Length)
        {
            throw new FormatException("Bytes follow the CID.");
        }
        return cid;
    }

    public static Cid Parse(string text)
    {
        if (text.Length < 2 || text[0] != 'b')
        {
            throw new FormatException("A CID must be multibase base32 (starting with 'b').");
        }
        return FromBytes(Base32.Decode(text.AsSpan(1)));
    }

    public override string ToString() => _bytes is null ? "" : "b" + Base32.Encode(_bytes);

    public bool Equals(Cid other) => _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(Cid left, Cid right) => left.Equals(right);

    public static bool operator !=(Cid left, Cid right) => !left.Equals(right);
}

/// <summary>Unsigned LEB128 varints, as multiformats and CAR files use them.</summary>
public static class Varint
{
    public static ulong Read(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new FormatException("A varint is truncated.");
            }
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("A varint is longer than 9 bytes.");
    }
}

/// <summary>RFC 4648 base32, lower case, no padding: the "b" multibase.</summary>
public static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[at++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            chars[at++] = Alphabet[(buffer << (5 - bits)) & 31];
        }
        return new string(chars, 0, at);
    }

    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, at = 0;
        foreach (var c in text)
        {
            var value = c is >= 'a' and <= 'z' ? c - 'a' : c is >= '2' and <= '7' ? c - '2' + 26 : -1;
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes[at++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return bytes;
    }
}
