using System.Diagnostics;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// `sentiment-cv [folds] [names]`: the shipped training options and the alternatives tried, each scored by the same
/// stratified k-fold cross-validation over train + validation of the three corpora (fixed seed), printed as the mean ±
/// sample standard deviation of the folds' macro-F1. The shipped options are chosen on these figures and nothing else.
/// </summary>
public static class SentimentCrossValidationBench
{
    private static readonly FeatureSet Stems = new() { StemLexicon = true };

    /// <summary>The options the model shipped before this comparison (airline weight 0.1, chosen on InterTASS val).</summary>
    private static readonly SentimentTrainer.Options Previous = new() { Features = Stems, AirlineWeight = 0.1f };

    private static readonly FeatureSet Scopes = Stems with { LexiconScopes = true };
    private static readonly FeatureSet Domain = Stems with { DomainSignals = true, DomainWordCopies = true };
    private static readonly FeatureSet ScopesDomain = Domain with { LexiconScopes = true };
    private static readonly SentimentTrainer.Algorithm Sdca = SentimentTrainer.Algorithm.Sdca;

    public static readonly (string Name, SentimentTrainer.Options Options)[] All =
    [
        ("shipped", SentimentTrainer.Shipped),
        // Round 2 (2026-11-25 / 12-05): weights, features and trainers one at a time.
        ("airline 0.3", Previous with { AirlineWeight = 0.3f }),
        ("airline 0.6", Previous with { AirlineWeight = 0.6f }),
        ("airline 1.0", Previous with { AirlineWeight = 1f }),
        ("language copies", Previous with { Features = Stems with { LanguageCopies = true } }),
        ("separate norms, chars 0.5", Previous with { Features = Stems with { SeparateNorms = true, CharWeight = 0.5f } }),
        ("chars 1-5 per word", Previous with { Features = Stems with { CharMin = 1, CharMax = 5 } }),
        ("l2 0.6", Previous with { L2 = 0.6f }),
        ("l2 0.15", Previous with { L2 = 0.15f }),
        ("sdca", Previous with { Trainer = Sdca, L2 = 1e-4f, MaxIterations = 30 }),
        // Round 3 (issue 19): the ideas of the issue, one at a time, then together.
        ("sublinear tf", Previous with { Features = Stems with { SublinearCounts = true } }),
        ("sublinear tf, separate norms, chars 0.5", Previous with { Features = Stems with { SublinearCounts = true, SeparateNorms = true, CharWeight = 0.5f } }),
        ("ensemble l-bfgs + sdca", Previous with { Second = Sdca }),
        ("lexicon scopes", Previous with { Features = Scopes }),
        ("domain signals", Previous with { Features = Stems with { DomainSignals = true } }),
        ("domain signals + word copies", Previous with { Features = Domain }),
        ("scopes + domain", Previous with { Features = ScopesDomain }),
        ("scopes + domain, airline 0.3", Previous with { Features = ScopesDomain, AirlineWeight = 0.3f }),
        ("scopes + domain + ensemble", Previous with { Features = ScopesDomain, Second = Sdca }),
        ("scopes + domain + ensemble, airline 0.3", Previous with { Features = ScopesDomain, Second = Sdca, AirlineWeight = 0.3f }),
        ("scopes + domain + sublinear + ensemble, airline 0.3", Previous with { Features = ScopesDomain with { SublinearCounts = true }, Second = Sdca, AirlineWeight = 0.3f }),
    ];

    public static int Run(IReadOnlyList<string> args)
    {
        var data = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();
        if (data is null)
        {
            Console.Error.WriteLine("sentiment-cv: ../shared/data not found above this folder.");
            return 2;
        }
        var folds = args.Count > 0 && int.TryParse(args[0], out var k) ? k : SentimentTrainer.DefaultFolds;
        var names = args.Skip(args.Count > 0 && int.TryParse(args[0], out _) ? 1 : 0).ToList();
        var trainer = new SentimentTrainer(new SentimentCorpus(data));
        Console.WriteLine($"{folds}-fold cross-validation over train + val, seed {SentimentTrainer.DefaultSeed}; macro-F1 mean ± sd of the folds");
        var chosen = All.Where(e => names.Count == 0 || e.Name == "shipped" || names.Any(n => e.Name.StartsWith(n, StringComparison.OrdinalIgnoreCase))).ToList();
        // Options are independent (the same folds, each trained on one thread): run as many at once as there are cores.
        var rows = new string[chosen.Count];
        Parallel.For(0, chosen.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (name, options) = chosen[i];
            var clock = Stopwatch.StartNew();
            var scores = trainer.CrossValidate(options, folds);
            rows[i] = $"| {name} | {string.Join(" | ", scores)} | {scores.Average(s => s.Mean):F3} | {clock.Elapsed.TotalSeconds:F0} |";
            Console.Error.WriteLine(rows[i]);
        });
        Console.WriteLine("| options | InterTASS es | airline es | SemEval en | mean of three | seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
        return 0;
    }
}
