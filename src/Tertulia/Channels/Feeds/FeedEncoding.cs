using System.Text;
using System.Text.RegularExpressions;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Turns a feed's bytes into text the way mature readers do. A byte order mark decides; otherwise the charset the
/// server sent (HTTP header) or the one the document declares. Declarations lie often — WordPress installs that
/// say windows-1252 or ISO-8859-1 while serving UTF-8 — so when the bytes are valid UTF-8 and the declaration names
/// a one-byte Western charset, UTF-8 wins: such bytes are practically never real Latin-1 text, and "CafÃ©" is what
/// the other choice gives. Bytes that are not valid UTF-8 but declared as UTF-8 are read as windows-1252.
/// </summary>
public static partial class FeedEncoding
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string? httpCharset = null)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            return Lenient(Encoding.UTF8, bytes[3..]);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var declared = Find(Clean(httpCharset)) ?? Find(DeclaredInDocument(bytes));
        if (declared is null || declared.CodePage == 65001 || IsWesternSingleByte(declared))
        {
            if (System.Text.Unicode.Utf8.IsValid(bytes))
            {
                return Utf8.GetString(bytes);
            }
            return (declared is not null && IsWesternSingleByte(declared) ? declared : Windows1252).GetString(bytes);
        }
        return Lenient(declared, bytes);
    }

    /// <summary>ISO-8859-1 on the web means windows-1252 (the WHATWG encoding standard says so): curly quotes and € live in 0x80-0x9F.</summary>
    private static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static bool IsWesternSingleByte(Encoding encoding) => encoding.CodePage is 1252 or 28591 or 28605 or 20127;

    private static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var normalised = name.Trim().ToLowerInvariant();
        if (normalised is "iso-8859-1" or "latin1" or "latin-1" or "iso8859-1" or "us-ascii" or "ascii")
        {
            return Windows1252;
        }
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(normalised) ?? Encoding.GetEncoding(normalised);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Clean(string? charset) => charset?.Trim().Trim('"', '\'');

    private static string Lenient(Encoding encoding, ReadOnlySpan<byte> bytes) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback).GetString(bytes);

    /// <summary>The encoding named in the XML declaration, read from the first bytes as ASCII.</summary>
    private static string? DeclaredInDocument(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        var declaration = head.IndexOf("<?xml", StringComparison.Ordinal);
        if (declaration < 0)
        {
            return null;
        }
        var end = head.IndexOf("?>", declaration, StringComparison.Ordinal);
        var match = EncodingAttribute().Match(end > 0 ? head[declaration..end] : head[declaration..]);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""encoding\s*=\s*["']?([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex EncodingAttribute();
}
