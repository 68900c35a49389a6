using System.Diagnostics;
using Tertulia.Demo;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// How fast Tertulia understands text: model load time, then texts per second on one core for each step and the
/// whole (language + sentiment + intent + spam), beside the bare normaliser as the floor. Texts: the labeled tweets of
/// ../shared/data when present (InterTASS + SemEval validation), else the demo's comments.
/// </summary>
public static class UnderstandingBenchmark
{
    public static void Run(double seconds)
    {
        var load = Stopwatch.StartNew();
        var understander = Understander.LoadShipped();
        load.Stop();
        var texts = Texts();
        Console.WriteLine($"model load (language tables + sentiment model, cold): {load.ElapsedMilliseconds} ms");
        Console.WriteLine($"texts: {texts.Count} ({texts.Sum(t => t.Length) / texts.Count} chars on average), {seconds:F0} s per step, 1 thread");

        var languages = new LanguageDetector(LanguageModelTables.Load());
        var sentiment = SentimentModel.LoadShipped();
        var steps = new (string Name, Action<string> Step)[]
        {
            ("normalise only (floor)", t => SocialText.Normalise(t)),
            ("language", t => languages.Detect(t)),
            ("sentiment", t => sentiment.Read(t)),
            ("intent + spam", t => { IntentClassifier.Classify(t, default); SpamDetector.IsSpam(t); }),
            ("all (classify)", t => understander.Understand(t)),
        };
        // Per CPU-second as well as per wall-second: on a shared machine the wall clock counts other people's work.
        Console.WriteLine($"{"step",-24} {"texts/CPU-s",12} {"texts/wall-s",13}");
        foreach (var (name, step) in steps)
        {
            var (cpu, wall) = PerSecond(texts, step, seconds);
            Console.WriteLine($"{name,-24} {cpu,12:N0} {wall,13:N0}");
        }
        var threads = Environment.ProcessorCount;
        var (parallelCpu, parallelWall) = Parallel(texts, understander, threads, seconds);
        Console.WriteLine($"{"all, " + threads + " threads",-24} {parallelCpu,12:N0} {parallelWall,13:N0}   (CPU figure is per core)");
        Console.WriteLine($"load average now: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
    }

    private static (double Cpu, double Wall) PerSecond(IReadOnlyList<string> texts, Action<string> step, double seconds)
    {
        foreach (var t in texts.Take(200))
        {
            step(t); // warm-up: JIT and pools
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var t in texts)
            {
                step(t);
            }
            done += texts.Count;
        }
        var wall = clock.Elapsed.TotalSeconds;
        return (done / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, done / wall);
    }

    private static (double Cpu, double Wall) Parallel(IReadOnlyList<string> texts, Understander understander, int threads, double seconds)
    {
        long done = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        System.Threading.Tasks.Parallel.For(0, threads, _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var t in texts)
                {
                    understander.Understand(t);
                }
                Interlocked.Add(ref done, texts.Count);
            }
        });
        var wall = clock.Elapsed.TotalSeconds;
        return (done / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, done / wall);
    }

    private static List<string> Texts()
    {
        var data = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();
        if (data is not null)
        {
            var corpus = new SentimentCorpus(data);
            return corpus.InterTass("val").Concat(corpus.SemEval("val")).Select(t => t.Text).ToList();
        }
        var demo = DemoContent.Load();
        return demo.Blogs.SelectMany(b => b.Posts).SelectMany(p => p.Comments).Select(c => c.Html).ToList();
    }
}
