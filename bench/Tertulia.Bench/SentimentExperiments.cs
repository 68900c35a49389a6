using System.Diagnostics;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// The sentiment experiments of docs/understanding.md, one line each: the cross-validated macro-F1 on InterTASS train
/// (what choices are made on) and the validation figures (what is reported). Name experiments to run only those.
/// </summary>
public static class SentimentExperiments
{
    /// <summary>The features of the 0.598 model every experiment started from.</summary>
    private static readonly FeatureSet Before = new() { StemLexicon = false };

    public static readonly (string Name, SentimentTrainer.Options Options)[] All =
    [
        ("baseline (0.598 model)", new() { Features = Before }),
        ("baseline + CV offsets", new() { Features = Before, OffsetFolds = 5 }),
        ("chars 2-5 across words", new() { Features = new() { CharsAcrossWords = true, CharMin = 2, CharMax = 5 } }),
        ("chars 2-5 per word", new() { Features = new() { CharMin = 2, CharMax = 5 } }),
        ("sublinear counts", new() { Features = new() { SublinearCounts = true } }),
        ("separate norms", new() { Features = new() { SeparateNorms = true } }),
        ("neutral weight 1.3", new() { Features = Before, NeutralWeight = 1.3f }),
        ("sdca", new() { Features = Before, Trainer = SentimentTrainer.Algorithm.Sdca, L2 = 1e-4f, MaxIterations = 30 }),
        ("stem lexicon", new() { Features = new() { StemLexicon = true } }),
        ("stem lexicon + separate norms", new() { Features = new() { StemLexicon = true, SeparateNorms = true } }),
        ("stem lexicon + chars 2-5 across words", new() { Features = new() { StemLexicon = true, CharsAcrossWords = true, CharMin = 2, CharMax = 5 } }),
        ("stem lexicon, l2 0.15", new() { Features = new() { StemLexicon = true }, L2 = 0.15f }),
        ("stem lexicon, l2 0.6", new() { Features = new() { StemLexicon = true }, L2 = 0.6f }),
        ("stem lexicon, airline 0.1", new() { Features = new() { StemLexicon = true }, AirlineWeight = 0.1f }),
        ("stem lexicon + CV offsets", new() { Features = new() { StemLexicon = true }, OffsetFolds = 5 }),
        ("l2 0.1", new() { Features = Before, L2 = 0.1f }),
        ("l2 1.0", new() { Features = Before, L2 = 1f }),
    ];

    public static int Run(IReadOnlyList<string> names)
    {
        var data = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();
        if (data is null)
        {
            Console.Error.WriteLine("sentiment-experiments: ../shared/data not found above this folder.");
            return 2;
        }
        var trainer = new SentimentTrainer(new SentimentCorpus(data));
        Console.WriteLine("| experiment | CV InterTASS train | CV + offsets | offsets (neu, pos) | InterTASS val | airline val | SemEval val | seconds |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (var (name, options) in All.Where(e => names.Count == 0 || names.Any(n => e.Name.StartsWith(n, StringComparison.OrdinalIgnoreCase))))
        {
            var clock = Stopwatch.StartNew();
            var result = trainer.Train(options);
            var cv = result.CrossValidation;
            var f1 = result.Evaluations.Select(e => e.Model.MacroF1.ToString("F3")).ToList();
            Console.WriteLine($"| {name} | {cv?.Raw:F3} | {cv?.Tuned:F3} | {result.Offsets[1]:F2}, {result.Offsets[2]:F2} | {f1[0]} | {f1[1]} | {f1[2]} | {clock.Elapsed.TotalSeconds:F0} |");
        }
        return 0;
    }
}
