using Npgsql;
using Tertulia.Storage;
using Xunit;

namespace Tertulia.Tests.Support;

/// <summary>
/// Which store the tests run on: SQLite files by default; PostgreSQL when TERTULIA_TEST_STORE=postgres, on the server
/// named by TERTULIA_TEST_POSTGRES (./test.sh starts one and runs the suite on both). Every app gets a fresh database.
/// </summary>
public static class TestStore
{
    public static StoreKind Selected =>
        string.Equals(Environment.GetEnvironmentVariable("TERTULIA_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? StoreKind.Postgres
            : StoreKind.Sqlite;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL server's connection string; null outside CI when there is none (the test is skipped then).</summary>
    public static string? PostgresServer
    {
        get
        {
            var server = Environment.GetEnvironmentVariable("TERTULIA_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server) && (InCi || Selected == StoreKind.Postgres))
            {
                Assert.Fail("TERTULIA_TEST_POSTGRES is not set: PostgreSQL tests need a server (./test.sh starts one). CI never skips them.");
            }
            return string.IsNullOrWhiteSpace(server) ? null : server;
        }
    }

    /// <summary>For tests that need PostgreSQL whatever the selected store: fails in CI, is skipped elsewhere, when there is none.</summary>
    public static string RequirePostgres()
    {
        var server = PostgresServer;
        Skip.If(server is null, "No PostgreSQL server (TERTULIA_TEST_POSTGRES); ./test.sh starts one.");
        return server!;
    }

    /// <summary>A fresh, empty database on <paramref name="kind"/>: a file in <paramref name="folder"/>, or a new PostgreSQL database.</summary>
    public static async Task<TestDatabase> CreateAsync(StoreKind kind, string folder)
    {
        if (kind == StoreKind.Sqlite)
        {
            return new TestDatabase(kind, $"Data Source={Path.Combine(folder, "tertulia.db")}", null);
        }
        var server = PostgresServer ?? throw new InvalidOperationException("No PostgreSQL server.");
        var name = "tertulia_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(kind, database, name);
    }
}

/// <summary>A database made for one test app; a PostgreSQL one is dropped when the app is done.</summary>
public sealed class TestDatabase(StoreKind kind, string connectionString, string? postgresName) : IAsyncDisposable
{
    public StoreKind Kind { get; } = kind;
    public string ConnectionString { get; } = connectionString;

    /// <summary>The same database for a second app (a second node), which leaves it in place when it stops.</summary>
    public TestDatabase Borrowed() => new(Kind, ConnectionString, null);

    public async ValueTask DisposeAsync()
    {
        if (postgresName is null)
        {
            return;
        }
        NpgsqlConnection.ClearPool(new NpgsqlConnection(StoreConnection.Parse(ConnectionString).ConnectionString));
        await using var connection = new NpgsqlConnection(TestStore.PostgresServer);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
