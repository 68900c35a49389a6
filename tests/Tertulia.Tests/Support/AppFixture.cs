using Xunit;

namespace Tertulia.Tests.Support;

/// <summary>One running Tertulia shared by the tests of a class; each test makes its own workspace.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public FeedServer Feeds { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TestApp.StartAsync();
        Feeds = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Feeds.DisposeAsync();
        await App.DisposeAsync();
    }
}
