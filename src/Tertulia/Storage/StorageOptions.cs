namespace Tertulia.Storage;

public sealed class StorageOptions
{
    /// <summary>
    /// Where the data lives: a SQLite file path or connection string ("Data Source=tertulia.db"), or PostgreSQL as a
    /// postgres:// URL or an Npgsql connection string ("Host=...;Database=..."). Defaults to tertulia.db in the current folder.
    /// </summary>
    public string Database { get; set; } = "Data Source=tertulia.db";

    /// <summary>
    /// Apply pending migrations at start. Unset means the store's default: yes for the embedded SQLite file (one
    /// process owns it), no for PostgreSQL (several nodes share it: run `tertulia migrate`, or start one with --migrate).
    /// </summary>
    public bool? Migrate { get; set; }
}
