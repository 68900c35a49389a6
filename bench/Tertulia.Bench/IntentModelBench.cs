using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// `intent-cv`: the ways of deciding intent (rules, learned model, explicit cues then model) and the model's L2,
/// cross-validated on the training part of the labelled customer messages; then, once, the held-out part read by the
/// current rules and by what ships, with per-class precision and recall side by side.
/// </summary>
public static class IntentModelBench
{
    public static int Run()
    {
        var file = Path.Combine(IntentEvaluation.RepoRoot(), "tests", "Tertulia.Tests", "testdata", "intent", "customer-messages.tsv");
        var messages = IntentSample.Messages(file);
        var sentiment = SentimentModel.LoadShipped();
        var trainer = new IntentTrainer(sentiment);
        Console.WriteLine($"{messages.Count(m => !m.HeldOut)} training and {messages.Count(m => m.HeldOut)} held-out messages ({file})");
        Console.WriteLine("5-fold cross-validation on the training part (seed 42):");
        Console.WriteLine("| strategy | L2 | macro-F1 | complaint F1 | suggestion F1 | question F1 | praise F1 | other F1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l2 in new[] { 0.1f, 0.3f })
        {
            var cv = trainer.CrossValidate(messages, new IntentTrainer.Options { L2 = l2 });
            foreach (var (strategy, score) in cv.Scores)
            {
                if (strategy == IntentClassifier.Strategy.Rules && l2 != 0.1f)
                {
                    continue; // the rules have no L2: one line is enough
                }
                Console.WriteLine($"| {strategy} | {(strategy == IntentClassifier.Strategy.Rules ? "–" : l2.ToString("G"))} | {score.MacroF1:F3} | {F1(score, Intent.Complaint)} | {F1(score, Intent.Suggestion)} | {F1(score, Intent.Question)} | {F1(score, Intent.Praise)} | {F1(score, Intent.Other)} |");
            }
        }

        // Held out: read once, with the shipped model (trained on the training part by `tertulia train`).
        var heldOut = messages.Where(m => m.HeldOut).ToList();
        var truth = heldOut.Select(m => m.Label).ToList();
        var readings = heldOut.Select(m => (m.Text, Folded: IntentClassifier.Fold(m.Text), Reading: sentiment.Read(m.Text))).ToList();
        var rules = IntentScore.Of(truth, readings.Select(r => IntentClassifier.ClassifyByRules(r.Text, r.Folded, r.Reading)).ToList());
        var shipped = IntentScore.Of(truth, readings.Select(r => IntentClassifier.Classify(r.Text, r.Folded, r.Reading)).ToList());
        Console.WriteLine();
        Console.WriteLine($"held-out part ({heldOut.Count} messages), rules against shipped ({IntentClassifier.ShippedStrategy}, model {IntentModel.LoadShipped()?.Fingerprint ?? "missing"}):");
        Console.WriteLine("| class | n | rules P | rules R | rules F1 | shipped P | shipped R | shipped F1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var label in new[] { Intent.Complaint, Intent.Suggestion, Intent.Question, Intent.Praise, Intent.Other })
        {
            Console.WriteLine($"| {label.ToString().ToLowerInvariant()} | {truth.Count(t => t == label)} | {Row(rules, label)} | {Row(shipped, label)} |");
        }
        Console.WriteLine($"| macro-F1 / accuracy | {heldOut.Count} | | | {rules.MacroF1:F3} / {rules.Accuracy:F3} | | | {shipped.MacroF1:F3} / {shipped.Accuracy:F3} |");
        foreach (var language in new[] { "es", "en" })
        {
            var idx = heldOut.Select((m, i) => (m, i)).Where(x => x.m.Language == language).Select(x => x.i).ToList();
            var part = idx.Select(i => truth[i]).ToList();
            var r = IntentScore.Of(part, idx.Select(i => IntentClassifier.ClassifyByRules(readings[i].Text, readings[i].Folded, readings[i].Reading)).ToList());
            var s = IntentScore.Of(part, idx.Select(i => IntentClassifier.Classify(readings[i].Text, readings[i].Folded, readings[i].Reading)).ToList());
            Console.WriteLine($"held-out {language} ({idx.Count}): rules macro-F1 {r.MacroF1:F3}, shipped {s.MacroF1:F3}");
        }
        if (Environment.GetEnvironmentVariable("SHOW_ERRORS") == "1")
        {
            for (var i = 0; i < heldOut.Count; i++)
            {
                var got = IntentClassifier.Classify(readings[i].Text, readings[i].Folded, readings[i].Reading);
                if (got != truth[i])
                {
                    Console.WriteLine($"  {heldOut[i].Id} {truth[i]} → {got}: {heldOut[i].Text}");
                }
            }
        }
        return 0;
    }

    private static string F1(IntentScore score, Intent label) => score.PerClass.TryGetValue(label, out var c) ? c.F1.ToString("F3") : "–";

    private static string Row(IntentScore score, Intent label) =>
        score.PrecisionRecall.TryGetValue(label, out var pr)
            ? $"{pr.Precision:F3} | {pr.Recall:F3} | {score.PerClass[label].F1:F3}"
            : "– | – | –";
}
