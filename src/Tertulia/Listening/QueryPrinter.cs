using System.Text;

namespace Tertulia.Listening;

/// <summary>Writes a query back as text that parses to the same query, with explicit AND and as few parentheses as needed.</summary>
public static class QueryPrinter
{
    public static string Print(QueryNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, QueryNode node)
    {
        switch (node)
        {
            case TermNode t:
                WriteField(sb, t.Field);
                if (QueryFields.IsValueField(t.Field) && NeedsQuotes(t.Text))
                {
                    sb.Append('"').Append(t.Text).Append('"');
                }
                else
                {
                    sb.Append(t.Text);
                }
                break;
            case PhraseNode p:
                WriteField(sb, p.Field);
                sb.Append('"').Append(p.Text).Append('"');
                if (p.Slop > 0)
                {
                    sb.Append('~').Append(p.Slop);
                }
                break;
            case NotNode n:
                sb.Append("NOT ");
                Wrapped(sb, n.Operand, n.Operand is AndNode or OrNode);
                break;
            case AndNode a:
                Wrapped(sb, a.Left, a.Left is OrNode);
                sb.Append(" AND ");
                Wrapped(sb, a.Right, a.Right is OrNode or AndNode);
                break;
            case OrNode o:
                Write(sb, o.Left);
                sb.Append(" OR ");
                Wrapped(sb, o.Right, o.Right is OrNode);
                break;
            case NearNode near:
                Wrapped(sb, near.Left, near.Left is OrNode or AndNode or NotNode);
                sb.Append(" NEAR/").Append(near.Distance);
                if (near.Ordered)
                {
                    sb.Append('f');
                }
                sb.Append(' ');
                Wrapped(sb, near.Right, near.Right is OrNode or AndNode or NotNode or NearNode);
                break;
        }
    }

    private static void Wrapped(StringBuilder sb, QueryNode node, bool parentheses)
    {
        if (parentheses)
        {
            sb.Append('(');
        }
        Write(sb, node);
        if (parentheses)
        {
            sb.Append(')');
        }
    }

    private static void WriteField(StringBuilder sb, QueryField field)
    {
        if (field != QueryField.Content)
        {
            sb.Append(QueryFields.NameOf(field)).Append(':');
        }
    }

    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text.AsSpan().IndexOfAny(" \t()\"“”") >= 0;
}
