using System.Diagnostics;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// The figures of docs/understanding.md, all measured in one run on the validation splits of ../shared/data:
/// Tertulia's shipped model, the majority-class baseline and the nlp.js sentiment analyser (bench/nlpjs, run with
/// node; `npm ci --prefix bench/nlpjs` first).
/// </summary>
public static class SentimentComparison
{
    public static async Task<int> RunAsync()
    {
        var data = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();
        if (data is null)
        {
            Console.Error.WriteLine("sentiment: ../shared/data not found above this folder.");
            return 2;
        }
        var corpus = new SentimentCorpus(data);
        var model = SentimentModel.LoadShipped();
        var splits = new (string Name, string Locale, IReadOnlyList<LabeledText> Test, IReadOnlyList<LabeledText> Train)[]
        {
            ("InterTASS es val", "es", corpus.InterTass("val"), corpus.InterTass("train")),
            ("Airline es val (row % 10 == 0)", "es", corpus.Airline("val"), corpus.Airline("train")),
            ("SemEval en val", "en", corpus.SemEval("val"), corpus.SemEval("train")),
        };
        Console.WriteLine("| split | n | majority class | nlp.js | Tertulia | Tertulia accuracy |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, locale, test, train) in splits)
        {
            var majority = SentimentScore.Majority(train, test);
            var nlpjs = await NlpJsAsync(test, locale);
            var ours = SentimentTrainer.Score(model, test);
            Console.WriteLine($"| {name} | {test.Count} | {majority.MacroF1:F3} | {(nlpjs is null ? "n/a" : nlpjs.MacroF1.ToString("F3"))} | {ours.MacroF1:F3} | {ours.Accuracy:F3} |");
        }
        Console.WriteLine("(macro-F1 unless said otherwise)");
        return 0;
    }

    private static async Task<SentimentScore?> NlpJsAsync(IReadOnlyList<LabeledText> test, string locale)
    {
        var script = FindScript();
        if (script is null)
        {
            Console.Error.WriteLine("nlp.js: bench/nlpjs/node_modules missing; run `npm ci --prefix bench/nlpjs`.");
            return null;
        }
        var info = new ProcessStartInfo("node", [script, locale])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(info)!;
        // Line breaks inside a text (the airline CSV has some) would shift every following label.
        var input = string.Join('\n', test.Select(t => t.Text.Replace('\n', ' ').Replace('\r', ' ')));
        var writing = Task.Run(async () =>
        {
            await node.StandardInput.WriteAsync(input + "\n");
            node.StandardInput.Close();
        });
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await writing;
        await node.WaitForExitAsync();
        var labels = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (node.ExitCode != 0 || labels.Length != test.Count)
        {
            Console.Error.WriteLine($"nlp.js failed ({labels.Length} labels for {test.Count} texts): {error}");
            return null;
        }
        return SentimentScore.Of(test.Select(t => t.Label).ToList(), labels.Select((l, i) => SentimentCorpus.ParseLabel(l, "nlp.js", i + 1)).ToList());
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "bench", "nlpjs", "classify.js");
            if (File.Exists(script) && Directory.Exists(Path.Combine(dir.FullName, "bench", "nlpjs", "node_modules", "@nlpjs")))
            {
                return script;
            }
        }
        return null;
    }
}
