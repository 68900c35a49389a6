namespace Tertulia.Storage;

public sealed class StorageOptions
{
    /// <summary>
    /// Where the data lives: a SQLite connection string ("Data Source=tertulia.db") or a file path.
    /// Defaults to tertulia.db in the current folder.
    /// </summary>
    public string Database { get; set; } = "Data Source=tertulia.db";

    /// <summary>Apply pending migrations at start (the default for the embedded SQLite file).</summary>
    public bool Migrate { get; set; } = true;
}
