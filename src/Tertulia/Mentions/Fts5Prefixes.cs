using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions;

/// <summary>
/// Prefix words ("precio*") written out as the indexed words they start ("precio" OR "precios"), read from the index's
/// vocabulary. FTS5 answers a prefix by merging every such word's list of mentions before returning the first one, at
/// each evaluation; the words written out are read lazily, so a count stops at its limit and the newest mentions can
/// be probed one at a time. Same matches either way: the vocabulary is the index's own, read in the search's
/// transaction. A prefix starting more than <see cref="MaxWords"/> words, or none, is left as it is.
/// </summary>
internal static partial class Fts5Prefixes
{
    public const int MaxWords = 32;

    /// <summary>A quoted token followed by "*", as <see cref="Fts5Query"/> writes a prefix.</summary>
    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"\\*")]
    private static partial Regex Prefix();

    public static bool Any(string match) => Prefix().IsMatch(match);

    public static async Task<string> ExpandAsync(TertuliaDb db, string match, CancellationToken ct)
    {
        if (!Any(match))
        {
            return match;
        }
        // The vocabulary is a table of the connection's own (temp): every read below must be on that connection.
        await db.Database.OpenConnectionAsync(ct);
        var words = new Dictionary<string, string?>();
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"MentionWords\" USING fts5vocab(main, \"MentionIndex\", row)", ct);
            foreach (Match m in Prefix().Matches(match))
            {
                var prefix = m.Groups[1].Value.Replace("\"\"", "\"");
                if (!words.ContainsKey(prefix))
                {
                    words[prefix] = await WrittenOutAsync(db, prefix, ct);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return Prefix().Replace(match, m => words[m.Groups[1].Value.Replace("\"\"", "\"")] ?? m.Value);
    }

    /// <summary>("w1" OR "w2" ...) for the words starting with the prefix, or null to keep the prefix.</summary>
    private static async Task<string?> WrittenOutAsync(TertuliaDb db, string prefix, CancellationToken ct)
    {
        // Terms compare as bytes: every word starting with the prefix sorts before prefix + U+10FFFF.
        var upper = prefix + char.ConvertFromUtf32(0x10FFFF);
        var found = await db.Database.SqlQuery<string>(
            $"SELECT \"term\" AS \"Value\" FROM temp.\"MentionWords\" WHERE \"term\" >= {prefix} AND \"term\" < {upper} LIMIT {MaxWords + 1}")
            .ToListAsync(ct);
        found.RemoveAll(w => !w.StartsWith(prefix, StringComparison.Ordinal));
        if (found.Count is 0 or > MaxWords)
        {
            return null;
        }
        var sb = new StringBuilder("(");
        for (var i = 0; i < found.Count; i++)
        {
            sb.Append(i > 0 ? " OR " : "").Append('"').Append(found[i].Replace("\"", "\"\"")).Append('"');
        }
        return sb.Append(')').ToString();
    }
}
