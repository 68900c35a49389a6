using Tertulia.Bench;

// Timed harnesses: each prints its figures beside a baseline measured in the same run.
// Usage: dotnet run -c Release --project bench/Tertulia.Bench -- <mode> [size]
var mode = args.Length > 0 ? args[0] : "ingest";
switch (mode)
{
    case "ingest":
        await IngestBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200_000);
        break;
    case "understanding":
        UnderstandingBenchmark.Run(args.Length > 1 ? double.Parse(args[1]) : 5);
        break;
    case "languages":
        return LanguageEvaluation.Run(args.Length > 1 ? args[1] : null);
    case "intent":
        return IntentEvaluation.Run();
    case "sentiment":
        return await SentimentComparison.RunAsync();
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'. Modes: ingest [count], understanding [seconds per step], sentiment, intent, languages [lang-TAB-text file or -]");
        return 2;
}
return 0;
