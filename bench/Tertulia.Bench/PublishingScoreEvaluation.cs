using Tertulia.Publishing.Score;

namespace Tertulia.Bench;

/// <summary>
/// The value score on the held-out labelled posts (tests/Tertulia.Tests/testdata/publishing), beside a keyword
/// baseline in the same run. Training (and the choice of its regularisation by 5-fold cross-validation) sees only
/// posts.train.tsv; posts.heldout.tsv is read here for the figures and nothing else. With --write, the trained
/// weights become the shipped src/Tertulia/Publishing/Score/value-model.json.
/// </summary>
public static class PublishingScoreEvaluation
{
    /// <summary>What a quick rule would do: any selling word means promotional.</summary>
    private static readonly string[] BaselineWords =
        ["oferta", "descuento", "rebaja", "promo", "compra", "gratis", "%", "sale", "off", "buy", "order", "discount", "deal", "free", "shop"];

    public static int Run(IReadOnlyList<string> args)
    {
        var root = FindRoot();
        var data = Path.Combine(root, "tests", "Tertulia.Tests", "testdata", "publishing");
        var train = ValueTraining.Read(Path.Combine(data, "posts.train.tsv"));
        var heldOut = ValueTraining.Read(Path.Combine(data, "posts.heldout.tsv"));
        var (model, folds) = ValueTraining.Train(train);

        Console.WriteLine($"training posts: {train.Count} ({train.Count(p => p.IsValue)} value), held out: {heldOut.Count} ({heldOut.Count(p => p.IsValue)} value)");
        Console.WriteLine("5-fold cross-validation on the training posts (chooses the L2 strength):");
        foreach (var f in folds)
        {
            Console.WriteLine($"  lambda {f.Lambda,-6} accuracy {f.Accuracy:P1}  log-loss {f.LogLoss:F3}{(f.Lambda == model.Lambda ? "  <- chosen" : "")}");
        }
        Console.WriteLine();
        Console.WriteLine("held-out posts              accuracy  promo precision  promo recall  promo F1");
        foreach (var (label, subset) in new[] { ("all", heldOut), ("Spanish", heldOut.Where(p => p.Language == "es").ToList()), ("English", heldOut.Where(p => p.Language == "en").ToList()) })
        {
            Print($"value score ({label})", subset, p => model.Assess(p.Text, [p.Brand]).Promotional);
            Print($"keyword baseline ({label})", subset, IsPromoByKeyword);
        }
        if (args.Contains("--write"))
        {
            var target = Path.Combine(root, "src", "Tertulia", "Publishing", "Score", "value-model.json");
            File.WriteAllText(target, model.ToJson() + "\n");
            Console.WriteLine($"wrote {target}");
        }
        return 0;
    }

    private static bool IsPromoByKeyword(ValueTraining.Post post)
    {
        var flat = PostFeatures.Fold(post.Text);
        return BaselineWords.Any(w => w == "%" ? flat.Contains('%') : System.Text.RegularExpressions.Regex.IsMatch(flat, $@"\b{w}"));
    }

    private static void Print(string name, List<ValueTraining.Post> posts, Func<ValueTraining.Post, bool> saysPromo)
    {
        int tp = 0, fp = 0, fn = 0, correct = 0;
        foreach (var p in posts)
        {
            var promo = saysPromo(p);
            correct += promo == !p.IsValue ? 1 : 0;
            tp += promo && !p.IsValue ? 1 : 0;
            fp += promo && p.IsValue ? 1 : 0;
            fn += !promo && !p.IsValue ? 1 : 0;
        }
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        Console.WriteLine($"{name,-28}{(double)correct / posts.Count,8:P1}{precision,17:P1}{recall,14:P1}{f1,10:F3}   (n={posts.Count})");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tertulia.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Run the bench from inside the repository.");
    }
}
