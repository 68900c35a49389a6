using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// Language detection accuracy per language on a "lang TAB text" file (or - for standard input), e.g. the translated
/// messages tools/language-sample.py pulls from the machine's gettext catalogs; and on the labeled tweets of
/// ../shared/data (InterTASS: es, SemEval: en) when present. Texts shorter than 40 characters are also counted apart.
/// </summary>
public static class LanguageEvaluation
{
    public static int Run(string? file)
    {
        var detector = new LanguageDetector(LanguageModelTables.Load());
        var rows = new List<(string Lang, string Text)>();
        if (file is not null)
        {
            var reader = file == "-" ? Console.In : new StreamReader(file);
            while (reader.ReadLine() is { } line)
            {
                var tab = line.IndexOf('\t');
                if (tab > 0)
                {
                    rows.Add((line[..tab], line[(tab + 1)..]));
                }
            }
        }
        if ((SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate()) is { } data)
        {
            var corpus = new SentimentCorpus(data);
            rows.AddRange(corpus.InterTass("train").Concat(corpus.InterTass("val")).Select(t => ("es (tweets)", t.Text)));
            rows.AddRange(corpus.SemEval("train").Concat(corpus.SemEval("val")).Select(t => ("en (tweets)", t.Text)));
        }
        Console.WriteLine("| language | texts | accuracy | texts < 40 chars | accuracy < 40 chars | most frequent mistake |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var group in rows.GroupBy(r => r.Lang))
        {
            var expected = group.Key.Split(' ')[0];
            var results = group.Select(r => (r.Text, Got: detector.Detect(r.Text))).ToList();
            var shortOnes = results.Where(r => r.Text.Length < 40).ToList();
            var mistake = results.Where(r => r.Got != expected).GroupBy(r => r.Got).OrderByDescending(g => g.Count()).FirstOrDefault();
            Console.WriteLine($"| {group.Key} | {results.Count} | {Accuracy(results, expected):P1} | {shortOnes.Count} | "
                + $"{(shortOnes.Count == 0 ? "–" : Accuracy(shortOnes, expected).ToString("P1"))} | {(mistake is null ? "–" : $"{mistake.Key} ×{mistake.Count()}")} |");
        }
        return 0;
    }

    private static double Accuracy(List<(string Text, string Got)> results, string expected) =>
        results.Count(r => r.Got == expected) / (double)results.Count;
}
