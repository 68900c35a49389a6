using System.IO.Compression;
using System.Text.Json;

namespace Tertulia.Understanding;

/// <summary>
/// The character n-gram probabilities of each language Tertulia tells apart (Lingua's tables, Apache-2.0, see
/// Understanding/Models/languages/README.md), merged into one lookup: n-gram → log-probability per language.
/// </summary>
public sealed class LanguageModelTables
{
    public const int Order = 3;
    public const int MaxWord = 64;

    /// <summary>What an n-gram a language never showed costs: about one chance in 20,000.</summary>
    private const float Unseen = -10f;

    public static readonly IReadOnlyList<string> Supported = ["es", "en", "pt", "ca", "fr", "it", "de", "eu", "nl"];

    private readonly Dictionary<string, float[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public IReadOnlyList<string> Languages { get; }

    private LanguageModelTables(IReadOnlyList<string> languages, Dictionary<string, float[]> table)
    {
        Languages = languages;
        _lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static LanguageModelTables Load()
    {
        var table = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var l = 0; l < Supported.Count; l++)
        {
            foreach (var file in new[] { "unigrams", "bigrams", "trigrams" })
            {
                Read(Supported[l], file, (ngram, logProbability) =>
                {
                    if (!table.TryGetValue(ngram, out var row))
                    {
                        row = new float[Supported.Count];
                        Array.Fill(row, Unseen);
                        table[ngram] = row;
                    }
                    row[l] = logProbability;
                });
            }
        }
        return new LanguageModelTables(Supported, table);
    }

    /// <summary>Adds each language's log-probability of <paramref name="ngram"/> to <paramref name="scores"/>.</summary>
    public void AddLogProbabilities(ReadOnlySpan<char> ngram, Span<double> scores)
    {
        if (_lookup.TryGetValue(ngram, out var row))
        {
            for (var l = 0; l < row.Length; l++)
            {
                scores[l] += row[l];
            }
        }
    }

    private static void Read(string language, string file, Action<string, float> add)
    {
        var name = $"Understanding/Models/languages/{language}/{file}.json.br";
        using var stream = typeof(LanguageModelTables).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The language model {name} is missing from the build.");
        using var json = new BrotliStream(stream, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(json);
        foreach (var entry in document.RootElement.GetProperty("ngrams").EnumerateObject())
        {
            var fraction = entry.Name.Split('/');
            var logProbability = (float)Math.Log(double.Parse(fraction[0]) / double.Parse(fraction[1]));
            foreach (var ngram in entry.Value.GetString()!.Split(' '))
            {
                add(ngram, logProbability);
            }
        }
    }
}
