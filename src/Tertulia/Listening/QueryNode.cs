namespace Tertulia.Listening;

/// <summary>Where a term of a listening query looks: the mention's words by default, or one of its fields.</summary>
public enum QueryField
{
    /// <summary>The title and the text of the mention.</summary>
    Content,
    Title,
    Author,
    Channel,
    /// <summary>Title and text, but exact: case- and accent-sensitive.</summary>
    Raw,
    Language,
    Site,
    Url,
    Sentiment,
}

/// <summary>A parsed listening query. Records compare by value, so a parsed query can be compared to another.</summary>
public abstract record QueryNode;

/// <summary>One word as typed, possibly with wildcards: <c>candeal</c>, <c>panader*</c>, <c>#masamadre</c>, <c>site:elnorte.es</c>.</summary>
public sealed record TermNode(string Text, QueryField Field = QueryField.Content) : QueryNode;

/// <summary>Words in a row (<c>"masa madre"</c>), or within <see cref="Slop"/> extra positions in any order (<c>"masa madre"~3</c>).</summary>
public sealed record PhraseNode(string Text, int Slop = 0, QueryField Field = QueryField.Content) : QueryNode;

/// <summary><c>a NEAR/n b</c>: at most <see cref="Distance"/> words between both sides; ordered when written <c>NEAR/nf</c>.</summary>
public sealed record NearNode(QueryNode Left, QueryNode Right, int Distance, bool Ordered) : QueryNode;

public sealed record AndNode(QueryNode Left, QueryNode Right) : QueryNode;

public sealed record OrNode(QueryNode Left, QueryNode Right) : QueryNode;

public sealed record NotNode(QueryNode Operand) : QueryNode;
