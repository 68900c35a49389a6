using FsCheck;
using FsCheck.Fluent;
using Tertulia.Listening;

namespace Tertulia.Tests.Listening;

/// <summary>A mention made of a few words from a small vocabulary, so random queries often hit it.</summary>
public sealed record SampleMention(string Text)
{
    public MentionDocument Document => new(null, Text);
    public override string ToString() => Text;
}

/// <summary>A query that yields word positions: a word, a phrase, an OR of them or a NEAR.</summary>
public sealed record PositionalQuery(QueryNode Node)
{
    public override string ToString() => QueryPrinter.Print(Node);
}

/// <summary>A phrase of two or three words.</summary>
public sealed record PhraseWords(string[] Words, int Slop)
{
    public override string ToString() => $"\"{string.Join(' ', Words)}\"~{Slop}";
}

public static class QueryGenerators
{
    // Accents and case differ between the query words and the text words on purpose.
    private static readonly string[] QueryWords = ["pan", "masa", "madre", "Candeal", "tarta", "café", "año", "#horno"];
    private static readonly string[] TextWords = ["pan", "Pan", "masa", "madre", "candeal", "tarta", "cafe", "Café", "año", "ano", "#Horno", "horno", "¿qué", "rico!"];
    private static readonly string[] Patterns = ["ma*", "pa?", "tar*", "cand*"];

    public static Arbitrary<SampleMention> Mentions() =>
        Gen.Elements(TextWords).ListOf().Select(words => new SampleMention(string.Join(' ', words.Take(14)))).ToArbitrary();

    public static Arbitrary<PositionalQuery> Positional() => Gen.Sized(PositionalGen).Select(n => new PositionalQuery(n)).ToArbitrary();

    public static Arbitrary<PhraseWords> Phrases() =>
        Gen.Choose(2, 3).SelectMany(n => Gen.Elements(QueryWords.Where(w => !w.StartsWith('#')).ToArray()).ArrayOf(n))
            .SelectMany(words => Gen.Choose(0, 3).Select(slop => new PhraseWords(words, slop)))
            .ToArbitrary();

    /// <summary>Any valid query, fields included; never one that only excludes (the parser rejects those).</summary>
    public static Arbitrary<QueryNode> Queries() =>
        Gen.Sized(QueryGen).Where(q => !QueryParser.OnlyExcludes(q)).ToArbitrary();

    private static Gen<QueryNode> Word() =>
        Gen.Frequency(
            (4, Gen.Elements(QueryWords).Select(w => (QueryNode)new TermNode(w))),
            (1, Gen.Elements(Patterns).Select(w => (QueryNode)new TermNode(w))));

    private static Gen<QueryNode> Phrase() =>
        Gen.Elements(QueryWords.Where(w => !w.StartsWith('#')).ToArray()).ArrayOf(2)
            .SelectMany(words => Gen.Elements(0, 0, 1, 2).Select(slop => (QueryNode)new PhraseNode(string.Join(' ', words), slop)));

    private static Gen<QueryNode> PositionalGen(int size)
    {
        if (size <= 1)
        {
            return Gen.Frequency((3, Word()), (1, Phrase()));
        }
        var smaller = Gen.Sized(s => PositionalGen(Math.Min(s, size) / 2));
        return Gen.Frequency(
            (3, Word()),
            (1, Phrase()),
            (1, smaller.Two().Select(p => (QueryNode)new OrNode(p.Item1, p.Item2))),
            (1, smaller.Two().SelectMany(p => Gen.Choose(0, 4).SelectMany(n => Gen.Elements(true, false)
                .Select(ordered => (QueryNode)new NearNode(p.Item1, p.Item2, n, ordered))))));
    }

    private static Gen<QueryNode> Fielded() => Gen.OneOf(
        Gen.Elements("es", "en", "es-ES").Select(v => (QueryNode)new TermNode(v, QueryField.Language)),
        Gen.Elements("elnorte.es", "candeal.example", "www.elnorte.es", "https://Candeal.example/tarta").Select(v => (QueryNode)new TermNode(v, QueryField.Site)),
        Gen.Elements("positivo", "negative").Select(v => (QueryNode)new TermNode(v, QueryField.Sentiment)),
        Gen.Elements("marisa", "Pili").Select(v => (QueryNode)new TermNode(v, QueryField.Author)),
        Gen.Elements("Candeal", "OCU").Select(v => (QueryNode)new TermNode(v, QueryField.Raw)),
        Gen.Constant((QueryNode)new PhraseNode("masa madre", 1, QueryField.Title)));

    private static Gen<QueryNode> QueryGen(int size)
    {
        if (size <= 1)
        {
            return Gen.Frequency((4, PositionalGen(1)), (1, Fielded()));
        }
        var smaller = Gen.Sized(s => QueryGen(Math.Min(s, size) / 2));
        return Gen.Frequency(
            (2, PositionalGen(size / 2)),
            (1, Fielded()),
            (2, smaller.Two().Select(p => (QueryNode)new AndNode(p.Item1, p.Item2))),
            (2, smaller.Two().Select(p => (QueryNode)new OrNode(p.Item1, p.Item2))),
            (1, smaller.Select(q => (QueryNode)new NotNode(q))));
    }
}
