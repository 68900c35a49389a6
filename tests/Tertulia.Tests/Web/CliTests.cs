using System.Diagnostics;
using Xunit;

namespace Tertulia.Tests.Web;

public class CliTests
{
    /// <summary>Runs the real executable (the same dll `dotnet run --project src/Tertulia` runs).</summary>
    internal static async Task<(int Code, string Output)> RunTertuliaAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tertulia.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (code, output) = await RunTertuliaAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("serve", output);
        Assert.Contains("--demo", await RunTertuliaAsync("serve", "--help").ContinueWith(t => t.Result.Output));
    }
}
