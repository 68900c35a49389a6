using Tertulia.Bench;

// Timed harnesses: each prints its figures beside a baseline measured in the same run.
// Usage: dotnet run -c Release --project bench/Tertulia.Bench -- <mode> [size]
var mode = args.Length > 0 ? args[0] : "ingest";
switch (mode)
{
    case "ingest":
        await IngestBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200_000);
        break;
    case "email":
        await EmailBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20_000);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'. Modes: ingest [count], email [count]");
        return 2;
}
return 0;
