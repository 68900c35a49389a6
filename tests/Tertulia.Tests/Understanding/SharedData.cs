using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

/// <summary>
/// ../shared/data, the labeled research data. Tests that need it skip on a machine without it, except in CI
/// (CI=true), which always has it: there a missing folder fails the test instead of hiding it.
/// </summary>
public static class SharedData
{
    public static string? Directory { get; } = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require() =>
        Directory ?? throw new InvalidOperationException("CI=true but ../shared/data was not found above the test folder.");

    public static string SeedsDirectory => Path.Combine(Path.GetDirectoryName(Require())!, "seeds");
}

public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Directory is null && !SharedData.InCi)
        {
            Skip = "../shared/data is not on this machine (in CI it must be).";
        }
    }
}
