using System.Diagnostics;
using Tertulia.Ideas.Grouping;

namespace Tertulia.Bench;

/// <summary>
/// How well suggestions are grouped into ideas, on the labelled set (tests/Tertulia.Tests/testdata/ideas): the
/// threshold is chosen by cross-validation on the training ideas for each method, then both are scored once on the
/// held-out ideas — Tertulia's terms (concepts, stop words, 4-grams) beside the same grouping on the plain words.
/// </summary>
public static class IdeasEvaluation
{
    public static int Run()
    {
        var path = Path.Combine(RepoRoot(), "tests", "Tertulia.Tests", "testdata", "ideas", "suggestions.tsv");
        var all = LabeledSuggestions.Read(path);
        var training = all.Where(s => !s.HeldOut).ToList();
        var heldOut = all.Where(s => s.HeldOut).ToList();
        Console.WriteLine($"labelled set: {all.Count} suggestions in {all.Select(s => s.Idea).Distinct().Count()} ideas " +
            $"({all.Count(s => s.Language == "en")} in English); training {training.Count} in {training.Select(s => s.Idea).Distinct().Count()} ideas, " +
            $"held out {heldOut.Count} in {heldOut.Select(s => s.Idea).Distinct().Count()} ideas");
        var folds = LabeledSuggestions.FoldsOf(training);
        foreach (var (name, terms) in new (string, Func<string, IReadOnlyDictionary<string, double>>)[]
                 {
                     ("same words (baseline)", LabeledSuggestions.SameWords),
                     ("tertulia terms", LabeledSuggestions.Ours),
                 })
        {
            var clock = Stopwatch.StartNew();
            var (threshold, meanF1) = LabeledSuggestions.Choose(folds, terms);
            var cv = LabeledSuggestions.CrossValidatedF1(folds, terms);
            var held = LabeledSuggestions.Score(heldOut, terms, threshold);
            var everything = LabeledSuggestions.Score(all, terms, threshold);
            Console.WriteLine($"{name}: threshold {threshold:0.000} (training folds mean F1 {meanF1:0.000}, cross-validated F1 {cv:0.000})");
            Console.WriteLine($"  held out: {held}, ideas found {IdeasFound(heldOut, terms, threshold)} for {heldOut.Select(s => s.Idea).Distinct().Count()}");
            Console.WriteLine($"  all {all.Count} together: {everything}  ({clock.ElapsedMilliseconds} ms)");
            if (Environment.GetEnvironmentVariable("IDEAS_CURVE") == "1")
            {
                // How F1 moves with the threshold: on the training folds (what chooses) and, only to look at, elsewhere.
                foreach (var t in LabeledSuggestions.Grid)
                {
                    Console.WriteLine($"    {t:0.000}: folds {folds.Average(f => LabeledSuggestions.Score(f, terms, t).F1):0.000}  training together {LabeledSuggestions.Score(training, terms, t).F1:0.000}  held out {LabeledSuggestions.Score(heldOut, terms, t).F1:0.000}");
                }
            }
        }
        Console.WriteLine($"shipped threshold IdeaGrouping.Threshold = {IdeaGrouping.Threshold:0.000}");
        return 0;
    }

    private static int IdeasFound(List<LabeledSuggestion> set, Func<string, IReadOnlyDictionary<string, double>> terms, double threshold) =>
        IdeaGrouping.Group(LabeledSuggestions.Arrival(set).Select(s => terms(s.Text)).ToList(), threshold).Distinct().Count();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tertulia.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
