namespace Tertulia.Listening;

/// <summary>A compiled query node, evaluated on a <see cref="MentionScan"/>.</summary>
internal abstract class Matcher
{
    public abstract bool Matches(MentionScan scan);

    /// <summary>Where it matches, for NEAR; only word and phrase matchers and OR/NEAR of them have places.</summary>
    public virtual void Spans(MentionScan scan, List<WordSpan> into) =>
        throw new InvalidOperationException($"{GetType().Name} has no word positions.");
}

internal sealed class TermMatcher(int term) : Matcher
{
    public override bool Matches(MentionScan scan) => scan.Has(term);

    public override void Spans(MentionScan scan, List<WordSpan> into)
    {
        foreach (var p in scan.Positions(term))
        {
            into.Add(new WordSpan(p, p));
        }
    }
}

/// <summary>Words in a row, or (with slop) all within a window of words-1+slop positions, in any order.</summary>
internal sealed class PhraseMatcher(int[] terms, int slop) : Matcher
{
    public override bool Matches(MentionScan scan)
    {
        foreach (var term in terms)
        {
            if (!scan.Has(term))
            {
                return false;
            }
        }
        foreach (var anchor in scan.Positions(terms[0]))
        {
            if (At(scan, anchor, out _))
            {
                return true;
            }
        }
        return false;
    }

    public override void Spans(MentionScan scan, List<WordSpan> into)
    {
        foreach (var anchor in scan.Positions(terms[0]))
        {
            if (At(scan, anchor, out var span))
            {
                into.Add(span);
            }
        }
    }

    /// <summary>Every match holds a position of the first word: try each as the anchor.</summary>
    private bool At(MentionScan scan, int anchor, out WordSpan span)
    {
        span = new WordSpan(anchor, anchor);
        if (slop == 0)
        {
            for (var k = 1; k < terms.Length; k++)
            {
                if (!scan.HasAt(terms[k], anchor + k))
                {
                    return false;
                }
            }
            span = new WordSpan(anchor, anchor + terms.Length - 1);
            return true;
        }
        // The window holding every word is at most words-1+slop wide and contains the anchor.
        var width = terms.Length - 1 + slop;
        for (var from = anchor - width; from <= anchor; from++)
        {
            int first = anchor, last = anchor;
            var all = true;
            for (var k = 1; k < terms.Length && all; k++)
            {
                all = FirstIn(scan.Positions(terms[k]), from, from + width, out var p);
                first = Math.Min(first, p);
                last = Math.Max(last, p);
            }
            if (all)
            {
                span = new WordSpan(first, last);
                return true;
            }
        }
        return false;
    }

    private static bool FirstIn(ReadOnlySpan<int> positions, int from, int to, out int found)
    {
        var i = positions.BinarySearch(from);
        i = i < 0 ? ~i : i;
        found = i < positions.Length ? positions[i] : -1;
        return i < positions.Length && positions[i] <= to;
    }
}

internal sealed class NearMatcher(Matcher left, Matcher right, int distance, bool ordered) : Matcher
{
    public override bool Matches(MentionScan scan)
    {
        if (!left.Matches(scan) || !right.Matches(scan))
        {
            return false;
        }
        var l = scan.RentSpans();
        var r = scan.RentSpans();
        left.Spans(scan, l);
        right.Spans(scan, r);
        var found = false;
        foreach (var a in l)
        {
            foreach (var b in r)
            {
                if (Close(a, b))
                {
                    found = true;
                    break;
                }
            }
            if (found)
            {
                break;
            }
        }
        scan.Return(l);
        scan.Return(r);
        return found;
    }

    public override void Spans(MentionScan scan, List<WordSpan> into)
    {
        var l = scan.RentSpans();
        var r = scan.RentSpans();
        left.Spans(scan, l);
        right.Spans(scan, r);
        foreach (var a in l)
        {
            foreach (var b in r)
            {
                if (Close(a, b))
                {
                    into.Add(new WordSpan(Math.Min(a.Start, b.Start), Math.Max(a.End, b.End)));
                }
            }
        }
        scan.Return(l);
        scan.Return(r);
    }

    /// <summary>At most <c>distance</c> words between them, without overlapping; left first when ordered.</summary>
    private bool Close(WordSpan a, WordSpan b) =>
        (b.Start > a.End && b.Start - a.End - 1 <= distance)
        || (!ordered && a.Start > b.End && a.Start - b.End - 1 <= distance);
}

internal sealed class AndMatcher(Matcher left, Matcher right) : Matcher
{
    public override bool Matches(MentionScan scan) => left.Matches(scan) && right.Matches(scan);
}

internal sealed class OrMatcher(Matcher left, Matcher right) : Matcher
{
    public override bool Matches(MentionScan scan) => left.Matches(scan) || right.Matches(scan);

    public override void Spans(MentionScan scan, List<WordSpan> into)
    {
        left.Spans(scan, into);
        right.Spans(scan, into);
    }
}

internal sealed class NotMatcher(Matcher operand) : Matcher
{
    public override bool Matches(MentionScan scan) => !operand.Matches(scan);
}

/// <summary><c>lang:es</c> also matches "es-ES" and "es_MX".</summary>
internal sealed class LanguageMatcher(string language) : Matcher
{
    public override bool Matches(MentionScan scan)
    {
        var lang = scan.Language;
        return lang.StartsWith(language, StringComparison.OrdinalIgnoreCase)
            && (lang.Length == language.Length || lang[language.Length] is '-' or '_');
    }
}

/// <summary><c>site:elnortedecastilla.es</c> matches that host and its subdomains.</summary>
internal sealed class SiteMatcher(string host) : Matcher
{
    public override bool Matches(MentionScan scan)
    {
        var h = scan.Host;
        return h.EndsWith(host, StringComparison.OrdinalIgnoreCase) && (h.Length == host.Length || h[h.Length - host.Length - 1] == '.');
    }
}

internal sealed class UrlMatcher(string part) : Matcher
{
    public override bool Matches(MentionScan scan) => scan.Url.Contains(part, StringComparison.OrdinalIgnoreCase);
}

internal sealed class SentimentMatcher(string sentiment) : Matcher
{
    public override bool Matches(MentionScan scan) => scan.Sentiment == sentiment;
}
