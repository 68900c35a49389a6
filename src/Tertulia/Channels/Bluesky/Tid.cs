namespace Tertulia.Channels.Bluesky;

/// <summary>
/// AT Protocol timestamp identifiers (record keys): microseconds since 1970 shifted over a 10-bit clock id, written
/// as 13 characters of base32-sortable. Each one is later than the last this process made.
/// </summary>
public static class Tid
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";
    private static readonly long ClockId = Random.Shared.Next(1024);
    private static long _last;

    public static string Next(TimeProvider clock)
    {
        var micros = (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        long value;
        long last;
        do
        {
            last = Interlocked.Read(ref _last);
            value = Math.Max((micros << 10) | ClockId, last + 1024);
        }
        while (Interlocked.CompareExchange(ref _last, value, last) != last);
        return Format(value);
    }

    public static string Format(long value)
    {
        var chars = new char[13];
        for (var i = 12; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
