using System.Threading.Channels;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

public class LiveMentionsTests
{
    [Fact]
    public async Task A_person_watching_a_workspace_hears_of_new_mentions()
    {
        await using var app = await TestApp.StartAsync();
        var workspace = await app.CreateWorkspaceAsync("En directo");
        var channel = await app.AddChannelAsync(workspace);
        await using var stream = await LiveStream.OpenAsync(app, workspace);

        await app.IngestAsync(channel, Item("1", "¡Qué buen pan!"), Item("2", "Vuelvo mañana"));

        Assert.Equal($"{{\"channelId\":{channel},\"count\":2}}", await stream.NextEventAsync());
    }

    [SkippableFact]
    public async Task Mentions_stored_by_one_node_reach_people_connected_to_another()
    {
        TestStore.RequirePostgres();
        await using var storing = await TestApp.StartAsync(store: StoreKind.Postgres);
        await using var watching = await TestApp.StartAsync(sharedDatabase: storing.Database,
            settings: new Dictionary<string, string?> { ["Tertulia:Polling:Enabled"] = "false" });
        var workspace = await storing.CreateWorkspaceAsync("Dos nodos");
        var channel = await storing.AddChannelAsync(workspace);
        // The person watching on the other node is a colleague in the same workspace.
        await TestUsers.AddMemberAsync(storing.Services, workspace, watching.Owner, Tertulia.Access.WorkspaceRole.Viewer);
        await using var stream = await LiveStream.OpenAsync(watching, workspace);

        await storing.IngestAsync(channel, Item("1", "Atendieron de maravilla"));

        Assert.Equal($"{{\"channelId\":{channel},\"count\":1}}", await stream.NextEventAsync());
    }

    /// <summary>The Server-Sent Events stream the workspace page listens to, read line by line.</summary>
    private sealed class LiveStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private LiveStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<LiveStream> OpenAsync(TestApp app, int workspace)
        {
            var response = await app.Http.GetAsync($"/api/workspaces/{workspace}/mentions/live", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal(": ready", await reader.ReadLineAsync()); // subscribed: what is stored from now on is heard
            return new LiveStream(response, reader);
        }

        public async Task<string> NextEventAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            string? line;
            while ((line = await _reader.ReadLineAsync(timeout.Token)) is not null)
            {
                if (line == "event: mentions")
                {
                    var data = await _reader.ReadLineAsync(timeout.Token);
                    return data!["data: ".Length..];
                }
            }
            throw new ChannelClosedException("The stream ended.");
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
