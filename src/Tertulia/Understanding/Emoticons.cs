namespace Tertulia.Understanding;

/// <summary>Text faces and what they feel: ":)" and "xD" are happy, ":(" and ":'(" are sad, "-_-" is fed up.</summary>
internal static class Emoticons
{
    public readonly record struct Found(int Length, string Token, int Polarity);

    private static readonly (string Face, int Polarity)[] Faces =
    [
        (":-)", 1), (":)", 1), ("(:", 1), (":-D", 1), (":D", 1), (";-)", 1), (";)", 1), (":P", 1), (":-P", 1), (":p", 1),
        ("=)", 1), ("=D", 1), ("<3", 1), ("^^", 1), ("^_^", 1), (":3", 1), ("xD", 1), ("XD", 1), (":*", 1),
        (":-(", -1), (":(", -1), ("):", -1), (":'(", -1), (":’(", -1), ("D:", -1), (":/", -1), (":-/", -1), (":\\", -1),
        ("-_-", -1), ("-.-", -1), ("¬¬", -1), (":@", -1), (">:(", -1), ("</3", -1), ("=(", -1), (":|", 0), (":S", -1), (":s", -1),
    ];

    public static Found Match(ReadOnlySpan<char> text)
    {
        foreach (var (face, polarity) in Faces)
        {
            // A face ends the word: "D:" inside "D:\\" paths or ":p" in ":param" are not faces.
            if (text.StartsWith(face, StringComparison.Ordinal)
                && (text.Length == face.Length || !char.IsLetterOrDigit(text[face.Length])))
            {
                return new Found(face.Length, polarity > 0 ? "_emopos" : polarity < 0 ? "_emoneg" : "_emo", polarity);
            }
        }
        return default;
    }
}
