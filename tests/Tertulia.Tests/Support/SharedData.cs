using Xunit;

namespace Tertulia.Tests.Support;

/// <summary>
/// The team's shared folder (../shared beside the repository: seed posts, labeled data). Tests that use it
/// run whenever it is there; in CI (CI=true) it must be there, so such a test never silently passes.
/// </summary>
public static class SharedData
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tertulia.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("The repository root (Tertulia.slnx) was not found above " + AppContext.BaseDirectory);
        }
    }

    public static string? Folder =>
        Environment.GetEnvironmentVariable("TERTULIA_SHARED") is { Length: > 0 } env ? env
        : Directory.Exists(Path.Combine(RepoRoot, "..", "shared")) ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"))
        : null;

    /// <summary>The path of <paramref name="relative"/> inside the shared folder, or null when absent outside CI.</summary>
    public static string? Find(string relative)
    {
        var path = Folder is null ? null : Path.Combine(Folder, relative);
        if (path is not null && (File.Exists(path) || Directory.Exists(path)))
        {
            return path;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI must have the shared data '{relative}' (looked in {Folder ?? "../shared"}).");
        }
        return null;
    }
}
