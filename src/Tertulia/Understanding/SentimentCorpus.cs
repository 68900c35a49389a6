using System.Text;

namespace Tertulia.Understanding;

/// <summary>A labeled text of the research data in ../shared/data.</summary>
public readonly record struct LabeledText(string Text, Sentiment Label);

/// <summary>
/// Reads the labeled sentiment data (../shared/data, see each SOURCE.md): InterTASS and SemEval as parallel text and
/// label files, the airline tweets as CSV. These files are research data: they train and evaluate, never ship.
/// </summary>
public sealed class SentimentCorpus(string dataDirectory)
{
    public string DataDirectory { get; } = dataDirectory;

    public IReadOnlyList<LabeledText> InterTass(string split) =>
        ReadSplit(Path.Combine(DataDirectory, "sentiment-es", "intertass2017-xlmt"), split);

    public IReadOnlyList<LabeledText> SemEval(string split) =>
        ReadSplit(Path.Combine(DataDirectory, "sentiment-en", "semeval2017-xlmt"), split);

    /// <summary>
    /// The airline tweets here have no validation split, so one is made: every tenth row (0-based index % 10 == 0)
    /// validates, the rest trains.
    /// </summary>
    public IReadOnlyList<LabeledText> Airline(string split)
    {
        var rows = ReadAirline(Path.Combine(DataDirectory, "sentiment-es", "airline-tweets", "tweets.csv"));
        return rows.Where((_, i) => (i % 10 == 0) == (split == "val")).ToList();
    }

    /// <summary>Every airline tweet's text by its tweet_id.</summary>
    public IReadOnlyDictionary<string, string> AirlineTexts()
    {
        var rows = Csv.Read(File.ReadAllText(Path.Combine(DataDirectory, "sentiment-es", "airline-tweets", "tweets.csv"), Encoding.UTF8));
        int id = Array.IndexOf(rows[0], "tweet_id"), text = Array.IndexOf(rows[0], "text");
        return rows.Skip(1).Where(r => r.Length > Math.Max(id, text)).ToDictionary(r => r[id], r => r[text]);
    }

    public bool Exists => File.Exists(Path.Combine(DataDirectory, "sentiment-es", "intertass2017-xlmt", "train_text.txt"));

    /// <summary>../shared/data from the current folder or any folder above it (the repository sits beside shared/).</summary>
    public static string? Locate(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "sentiment-es", "intertass2017-xlmt", "train_text.txt")))
            {
                return candidate;
            }
        }
        return null;
    }

    public static IReadOnlyList<LabeledText> ReadSplit(string directory, string split) =>
        ReadParallel(Path.Combine(directory, $"{split}_text.txt"), Path.Combine(directory, $"{split}_labels.txt"));

    public static IReadOnlyList<LabeledText> ReadParallel(string textFile, string labelFile)
    {
        var texts = File.ReadAllLines(textFile);
        var labels = File.ReadAllLines(labelFile).Where(l => l.Trim().Length > 0).ToArray();
        if (texts.Length != labels.Length)
        {
            throw new InvalidDataException($"{textFile} has {texts.Length} lines but {labelFile} has {labels.Length} labels.");
        }
        return texts.Select((t, i) => new LabeledText(t, ParseLabel(labels[i], labelFile, i + 1))).ToList();
    }

    public static Sentiment ParseLabel(string label, string file, int line) => label.Trim() switch
    {
        "0" or "negative" => Sentiment.Negative,
        "1" or "neutral" => Sentiment.Neutral,
        "2" or "positive" => Sentiment.Positive,
        var other => throw new InvalidDataException($"{file}:{line}: '{other}' is no label (0 negative, 1 neutral, 2 positive)."),
    };

    private static List<LabeledText> ReadAirline(string csvFile)
    {
        var rows = Csv.Read(File.ReadAllText(csvFile, Encoding.UTF8));
        var header = rows[0];
        int label = Array.IndexOf(header, "airline_sentiment"), text = Array.IndexOf(header, "text");
        return rows.Skip(1).Where(r => r.Length > Math.Max(label, text))
            .Select((r, i) => new LabeledText(r[text], ParseLabel(r[label], csvFile, i + 2))).ToList();
    }
}

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class Csv
{
    public static List<string[]> Read(string content)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
