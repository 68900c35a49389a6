using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tertulia.Storage;

public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which store a configured database names, and the provider's connection string for it.</summary>
public sealed record StoreConnection(StoreKind Kind, string ConnectionString)
{
    /// <summary>
    /// A postgres:// (or postgresql://) URL or a connection string with a Host is PostgreSQL; anything else is a
    /// SQLite connection string ("Data Source=...") or a plain file path.
    /// </summary>
    public static StoreConnection Parse(string database)
    {
        var text = database.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(StoreKind.Postgres, FromUrl(new Uri(text)));
        }
        if (text.Contains('=') && IsNpgsql(text))
        {
            return new(StoreKind.Postgres, new NpgsqlConnectionStringBuilder(text).ConnectionString);
        }
        return new(StoreKind.Sqlite, SqliteConnectionString(text));
    }

    /// <summary>The connection string without its password, for logs and messages.</summary>
    public string Display => Kind == StoreKind.Postgres
        ? new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString
        : ConnectionString;

    private static bool IsNpgsql(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.ContainsKey("Host") || keys.ContainsKey("Server");
    }

    private static string FromUrl(Uri url)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
        };
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            builder.Password = colon < 0 ? null : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        }
        // ?sslmode=require&timeout=5...: any Npgsql keyword (it knows libpq's spellings too).
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            builder[key] = eq < 0 ? "true" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return builder.ConnectionString;
    }

    /// <summary>Accepts a plain file path as well as a connection string.</summary>
    public static string SqliteConnectionString(string database)
    {
        var builder = database.Contains('=')
            ? new SqliteConnectionStringBuilder(database)
            : new SqliteConnectionStringBuilder { DataSource = database };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
