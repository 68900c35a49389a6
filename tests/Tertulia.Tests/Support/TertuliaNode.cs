using System.Diagnostics;

namespace Tertulia.Tests.Support;

/// <summary>A real Tertulia process (`dotnet Tertulia.dll serve`), as an operator runs one node of several.</summary>
public sealed class TertuliaNode : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private TertuliaNode(Process process) => _process = process;

    public int Pid => _process.Id;
    public bool Running => !_process.HasExited;
    public string Output { get { lock (_output) { return string.Join('\n', _output); } } }

    public string Url => _listening.Task.Result;

    public static async Task<TertuliaNode> StartAsync(string database, IDictionary<string, string> environment, params string[] serveOptions)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Tertulia.dll"), "serve", "--database", database, "--urls", "http://127.0.0.1:0" }.Concat(serveOptions))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var node = new TertuliaNode(Process.Start(info)!);
        node._process.OutputDataReceived += (_, e) => node.Read(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Read(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        var first = await Task.WhenAny(node._listening.Task, node._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != node._listening.Task)
        {
            node.Kill();
            throw new InvalidOperationException("The node did not start:\n" + node.Output);
        }
        return node;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        const string listening = "Now listening on: ";
        if (line.Contains(listening))
        {
            _listening.TrySetResult(line[(line.IndexOf(listening) + listening.Length)..].Trim());
        }
    }

    /// <summary>SIGKILL: no shutdown, no releasing, an open transaction cut off mid-way.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
