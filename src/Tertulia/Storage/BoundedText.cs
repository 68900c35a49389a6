namespace Tertulia.Storage;

/// <summary>
/// Text cut to fit a column, never between the two halves of a surrogate pair: a lone half is not valid UTF-16, and
/// PostgreSQL refuses to store it (the whole batch with it), where SQLite would quietly keep a broken character.
/// </summary>
public static class BoundedText
{
    /// <summary><paramref name="value"/> itself if it fits, else at most <paramref name="max"/> characters of it.</summary>
    public static string Clip(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        var end = Math.Max(0, max);
        if (end > 0 && char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }
        return value[..end];
    }

    /// <summary>Like <see cref="Clip"/>, with "…" marking the cut; the result is at most <paramref name="max"/> characters.</summary>
    public static string Snippet(string value, int max) =>
        value.Length <= max ? value : Clip(value, Math.Max(0, max - 1)) + "…";
}
