namespace Tertulia.Listening;

/// <summary>
/// The terms and phrases a query asks to find in a mention's title or text: not those under NOT (a NOT inside a NOT
/// asks again), not field values such as <c>lang:</c> or <c>author:</c>. What highlighting marks and relevance weighs.
/// </summary>
public static class PositiveTerms
{
    /// <summary>Each wanted word, folded as the index folds it (as typed for <c>raw:</c>), wildcards kept.</summary>
    public static IEnumerable<(string Word, QueryField Field)> Words(QueryNode query) =>
        Terms(query, negated: false).SelectMany(t => QueryCompiler.Split(t.Text, t.Field).Select(w => (w, t.Field)));

    private static IEnumerable<(string Text, QueryField Field)> Terms(QueryNode node, bool negated) => node switch
    {
        TermNode t when !negated && t.Field is QueryField.Content or QueryField.Title or QueryField.Raw => [(t.Text, t.Field)],
        PhraseNode p when !negated && p.Field is QueryField.Content or QueryField.Title or QueryField.Raw => [(p.Text, p.Field)],
        AndNode a => Terms(a.Left, negated).Concat(Terms(a.Right, negated)),
        OrNode o => Terms(o.Left, negated).Concat(Terms(o.Right, negated)),
        NearNode n => Terms(n.Left, negated).Concat(Terms(n.Right, negated)),
        NotNode n => Terms(n.Operand, !negated),
        _ => [],
    };
}
