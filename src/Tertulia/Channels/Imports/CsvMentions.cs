using System.Globalization;
using System.Text;
using CsvHelper;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Imports;

/// <summary>
/// Any CSV: its columns are mapped to a mention's fields (text, author, date, url, title, id, parent_id, author_url,
/// language). Columns already named like a field (in English or Spanish) map themselves; <c>--map Col=field</c>
/// maps the others. Comma or semicolon separated (Spanish spreadsheets use ';').
/// </summary>
public static class CsvMentions
{
    public static readonly string[] Fields = ["id", "text", "author", "author_url", "url", "title", "date", "parent_id", "language"];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["texto"] = "text",
        ["comentario"] = "text",
        ["mensaje"] = "text",
        ["comment"] = "text",
        ["message"] = "text",
        ["body"] = "text",
        ["autor"] = "author",
        ["usuario"] = "author",
        ["nombre"] = "author",
        ["name"] = "author",
        ["fecha"] = "date",
        ["published"] = "date",
        ["created_at"] = "date",
        ["enlace"] = "url",
        ["link"] = "url",
        ["titulo"] = "title",
        ["título"] = "title",
        ["asunto"] = "title",
        ["subject"] = "title",
        ["idioma"] = "language",
    };

    /// <summary>Parses "Col=field,Other=field".</summary>
    public static Dictionary<string, string> ParseMap(string? map)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (map ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !Fields.Contains(parts[1].ToLowerInvariant()))
            {
                throw new ImportException($"'{pair}' is not a column mapping: write Column=field, with field one of {string.Join(", ", Fields)}.");
            }
            result[parts[0]] = parts[1].ToLowerInvariant();
        }
        return result;
    }

    public static ImportRead Read(byte[] file, IReadOnlyDictionary<string, string> map)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Add,
        };
        using var csv = CsvReader.Create(file, options);
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0)
        {
            throw new ImportException("The CSV file has no header row.");
        }
        var columns = ColumnsOf(header, map);
        var read = ImportRead.Empty();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            string? Field(string field) => columns.TryGetValue(field, out var i) && !csv.IsEmpty(i) && csv.GetString(i) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

            var text = Field("text");
            if (text is null)
            {
                read.Skip(line, $"'{header[columns["text"]]}' (the text) is empty");
                continue;
            }
            DateTimeOffset? published = null;
            if (Field("date") is { } date)
            {
                if (!TryParseDate(date, out var parsed))
                {
                    read.Skip(line, $"'{date}' in '{header[columns["date"]]}' is not a date");
                    continue;
                }
                published = parsed;
            }
            var parent = Field("parent_id");
            read.Items.Add(new IncomingItem
            {
                ExternalId = Field("id") ?? StableId.Of("csv", System.Text.Encoding.UTF8.GetString(csv.RawRecord)),
                Text = text,
                Author = Field("author"),
                AuthorUrl = Field("author_url"),
                Url = Field("url"),
                Title = Field("title"),
                Published = published,
                Language = Field("language"),
                ParentExternalId = parent,
                IsComment = parent is not null,
            });
        }
        foreach (var record in malformed.Where(r => r.Skipped))
        {
            read.Skip((int)record.LineNumber, record.Reason == CsvMalformedReason.FieldCountMismatch
                ? $"the row does not have the header's {header.Length} fields"
                : $"the quoting is broken ({record.Reason})");
        }
        read.Skipped.Sort((a, b) => LineOf(a).CompareTo(LineOf(b)));
        return read;
    }

    private static int LineOf(SkippedItem skipped) => int.TryParse(skipped.Where.AsSpan("line ".Length), out var line) ? line : 0;

    /// <summary>Field → column index: the explicit map first, then columns named like a field.</summary>
    private static Dictionary<string, int> ColumnsOf(string[] header, IReadOnlyDictionary<string, string> map)
    {
        var columns = new Dictionary<string, int>();
        foreach (var (column, field) in map)
        {
            var index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ImportException($"The CSV has no column '{column}'. Its columns: {string.Join(", ", header)}.");
            }
            columns[field] = index;
        }
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var field = Fields.Contains(name.ToLowerInvariant()) ? name.ToLowerInvariant() : Aliases.GetValueOrDefault(name);
            if (field is not null && !columns.ContainsKey(field) && !map.ContainsKey(name))
            {
                columns[field] = i;
            }
        }
        if (!columns.ContainsKey("text"))
        {
            throw new ImportException($"No column holds the text. Map one with --map Column=text (columns: {string.Join(", ", header)}).");
        }
        return columns;
    }

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-ES");

    /// <summary>Day first, as in Spain ("25/11/2026 10:30"); ISO 8601 reads the same in any culture.</summary>
    private static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, Spanish, DateTimeStyles.AssumeUniversal, out date)
        || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
}
