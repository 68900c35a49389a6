using System.Text.Json;

namespace Tertulia.Channels.Imports;

/// <summary>
/// Reads the array of records in a JSON export, keeping the line each record starts on, so a bad record
/// can be reported where a person can find it.
/// </summary>
internal static class JsonRows
{
    /// <summary>
    /// The elements of the array that starts at <paramref name="start"/> or, when the document is an object, of
    /// its first property among <paramref name="arrayProperties"/>. Null when there is no such array.
    /// </summary>
    public static List<(JsonElement Element, int Line)>? Read(byte[] json, int start, params string[] arrayProperties)
    {
        var lines = new LineIndex(json);
        var reader = new Utf8JsonReader(json.AsSpan(start), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 256,
        });
        try
        {
            if (!reader.Read())
            {
                throw new ImportException("The file is empty.");
            }
            if (reader.TokenType == JsonTokenType.StartObject && !MoveToArrayProperty(ref reader, arrayProperties))
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }
            var rows = new List<(JsonElement, int)>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = lines.LineAt(start + (int)reader.TokenStartIndex);
                rows.Add((JsonElement.ParseValue(ref reader), line));
            }
            return rows;
        }
        catch (JsonException ex)
        {
            var line = lines.LineAt(start) + (int)(ex.LineNumber ?? 0);
            throw new ImportException($"line {line}: the file is not valid JSON ({ex.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')}).");
        }
    }

    private static bool MoveToArrayProperty(ref Utf8JsonReader reader, string[] names)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            var name = reader.GetString();
            reader.Read();
            if (names.Contains(name, StringComparer.Ordinal) && reader.TokenType == JsonTokenType.StartArray)
            {
                return true;
            }
            reader.Skip();
        }
        return false;
    }

    /// <summary>Byte offset → 1-based line number.</summary>
    private sealed class LineIndex
    {
        private readonly List<int> _newlines = [];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _newlines.Add(i);
                }
            }
        }

        public int LineAt(int offset)
        {
            var index = _newlines.BinarySearch(offset);
            return (index >= 0 ? index : ~index) + 1;
        }
    }

    public static string? String(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    public static long? Number(this JsonElement element, params string[] path)
    {
        var text = element.String(path);
        return long.TryParse(text, out var value) ? value : null;
    }

    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
