using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Understanding;

/// <summary>
/// A test that needs ../shared/data: skipped (and shown as skipped) on a machine without it, but run in CI
/// (CI=true), where <see cref="LabeledData.Require"/> then fails it instead of letting it pass silently.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (LabeledData.Directory is null && !LabeledData.InCi)
        {
            Skip = "../shared/data is not on this machine (in CI it must be).";
        }
    }
}

public static class LabeledData
{
    public static string? Directory =>
        SharedData.Folder is { } shared && File.Exists(Path.Combine(shared, "data", "sentiment-es", "intertass2017-xlmt", "train_text.txt"))
            ? Path.Combine(shared, "data")
            : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require() => SharedData.Find("data") ?? throw new InvalidOperationException("../shared/data is missing.");
}
