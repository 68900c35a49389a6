using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Xunit;

namespace Tertulia.Tests.Storage;

public class StoreSelectionTests
{
    [Theory]
    [InlineData("tertulia.db", StoreKind.Sqlite)]
    [InlineData("/var/lib/tertulia/tertulia.db", StoreKind.Sqlite)]
    [InlineData("Data Source=/tmp/t.db;Cache=Shared", StoreKind.Sqlite)]
    [InlineData("postgres://tertulia:s3cr%40t@db.example:6543/tertulia?sslmode=require", StoreKind.Postgres)]
    [InlineData("postgresql://tertulia@10.0.0.5/tertulia", StoreKind.Postgres)]
    [InlineData("Host=db.example;Port=5432;Database=tertulia;Username=tertulia;Password=x", StoreKind.Postgres)]
    [InlineData("Server=db.example;Database=tertulia", StoreKind.Postgres)]
    public void The_database_setting_picks_the_store(string database, StoreKind expected)
    {
        Assert.Equal(expected, StoreConnection.Parse(database).Kind);
    }

    [Fact]
    public void A_postgres_url_becomes_an_Npgsql_connection_string()
    {
        var store = StoreConnection.Parse("postgres://tertulia:s3cr%40t@db.example:6543/clientes?sslmode=require");

        var keys = new Npgsql.NpgsqlConnectionStringBuilder(store.ConnectionString);
        Assert.Equal("db.example", keys.Host);
        Assert.Equal(6543, keys.Port);
        Assert.Equal("clientes", keys.Database);
        Assert.Equal("tertulia", keys.Username);
        Assert.Equal("s3cr@t", keys.Password);
        Assert.Equal(Npgsql.SslMode.Require, keys.SslMode);
        Assert.DoesNotContain("s3cr", store.Display);
    }

    [Fact]
    public void Each_store_has_migrations_for_the_whole_model()
    {
        using var sqlite = new DesignTimeDb().CreateDbContext([]);
        using var postgres = new DesignTimePostgresDb().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: run dotnet-ef migrations add ... --context TertuliaDb");
        Assert.False(postgres.Database.HasPendingModelChanges(),
            "PostgreSQL: run dotnet-ef migrations add ... --context PostgresTertuliaDb --output-dir Storage/Migrations/Postgres --namespace Tertulia.Storage.Migrations.Postgres");
    }
}
