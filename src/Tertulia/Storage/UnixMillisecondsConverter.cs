using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tertulia.Storage;

/// <summary>Stores an instant as UTC milliseconds since the epoch, so it sorts and compares as a number.</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
