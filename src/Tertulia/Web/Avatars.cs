namespace Tertulia.Web;

/// <summary>Initials and a stable colour per author, so a person is recognisable at a glance.</summary>
public static class Avatars
{
    public static string Initials(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return "?";
        }
        var parts = author.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0 && char.IsLetterOrDigit(p[0])).Take(2).ToArray();
        return parts.Length == 0 ? author[..1].ToUpperInvariant() : string.Concat(parts.Select(p => char.ToUpperInvariant(p[0])));
    }

    public static int Hue(string? author)
    {
        unchecked
        {
            var hash = 17;
            foreach (var ch in author ?? "")
            {
                hash = hash * 31 + ch;
            }
            return Math.Abs(hash % 360);
        }
    }
}
