using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tertulia.Storage;

/// <summary>Stores an instant with offset zero (PostgreSQL's timestamptz is an instant; Npgsql refuses other offsets).</summary>
public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
