using System.Globalization;
using System.Text;

namespace Tertulia.Publishing;

/// <summary>
/// Cuts a text too long for one post into a thread: at paragraph breaks first, then at sentence ends, then between
/// words (a word longer than a whole post, rare, is cut inside). Each part of a thread ends with its number ("1/3"),
/// counted in the channel's own measure.
/// </summary>
public static class ThreadSplitter
{
    /// <summary>Threads longer than this are refused: nobody reads a 20-post thread from a bakery.</summary>
    public const int MaxParts = 10;

    public static List<string> Split(string text, int maxLength, Func<string, int> measure)
    {
        text = text.Trim();
        if (measure(text) <= maxLength)
        {
            return [text];
        }
        // Room for " 10/10" at the end of each part.
        var room = maxLength - measure(" 10/10");
        var pieces = Pieces(text, room, measure);
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var (piece, breakBefore) in pieces)
        {
            var candidate = current.Length == 0 ? piece : current + breakBefore + piece;
            if (current.Length > 0 && measure(candidate) > room)
            {
                parts.Add(current.ToString().Trim());
                current.Clear().Append(piece);
            }
            else
            {
                current.Clear().Append(candidate);
            }
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString().Trim());
        }
        return parts.Select((p, i) => $"{p} {i + 1}/{parts.Count}").ToList();
    }

    /// <summary>The text as pieces no longer than <paramref name="room"/>, each with the break that came before it.</summary>
    private static List<(string Piece, string BreakBefore)> Pieces(string text, int room, Func<string, int> measure)
    {
        var pieces = new List<(string, string)>();
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var paragraph in paragraphs)
        {
            var first = true;
            foreach (var sentence in Sentences(paragraph))
            {
                var breakBefore = first ? "\n\n" : " ";
                first = false;
                if (measure(sentence) <= room)
                {
                    pieces.Add((sentence, breakBefore));
                    continue;
                }
                foreach (var word in Words(sentence, room, measure))
                {
                    pieces.Add((word, breakBefore));
                    breakBefore = " ";
                }
            }
        }
        return pieces;
    }

    private static IEnumerable<string> Sentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            // A sentence ends at . ! ? … followed by a space ("3.5 kg" and "www.candeal.es" stay whole).
            if (paragraph[i] is '.' or '!' or '?' or '…' && i + 1 < paragraph.Length && char.IsWhiteSpace(paragraph[i + 1]))
            {
                yield return paragraph[start..(i + 1)].Trim();
                start = i + 1;
            }
        }
        if (start < paragraph.Length && paragraph[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static IEnumerable<string> Words(string sentence, int room, Func<string, int> measure)
    {
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (measure(word) <= room)
            {
                yield return word;
                continue;
            }
            // Cut between graphemes, never inside an emoji or an accented letter.
            var elements = StringInfo.GetTextElementEnumerator(word);
            var chunk = new StringBuilder();
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                if (chunk.Length > 0 && measure(chunk + element) > room)
                {
                    yield return chunk.ToString();
                    chunk.Clear();
                }
                chunk.Append(element);
            }
            if (chunk.Length > 0)
            {
                yield return chunk.ToString();
            }
        }
    }
}
