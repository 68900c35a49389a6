using System.Globalization;
using System.Text.RegularExpressions;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Reads the dates feeds really carry: RFC 822 with the wrong weekday, two-digit years, missing seconds, textual
/// zones (GMT, CEST, PST...); ISO 8601 / W3C-DTF with or without zone, colon or "T"; a few other forms CMSes print.
/// A date that cannot be read is no date (the item then dates from when it was first seen), never a refused item.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["WEST"] = 60, ["BST"] = 60, ["IST"] = 60,
        ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["AST"] = -240, ["ADT"] = -180,
        ["NST"] = -210, ["NDT"] = -150, ["ART"] = -180, ["BRT"] = -180, ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480,
        ["SGT"] = 480, ["AWST"] = 480, ["ACST"] = 570, ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Spanish month names, as Spanish CMSes localise pubDate.</summary>
    private static readonly string[] Meses = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        return Iso(text) ?? Rfc822(text) ?? Other(text);
    }

    private static DateTimeOffset? Iso(string text)
    {
        var m = IsoPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var month = m.Groups["month"].Success ? int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture) : 1;
        var day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) : 1;
        var time = Time(m.Groups["hour"].Value, m.Groups["minute"].Value, m.Groups["second"].Value, m.Groups["fraction"].Value);
        var offset = Offset(m.Groups["zone"].Value);
        return Build(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), month, day, time, offset ?? TimeSpan.Zero);
    }

    private static DateTimeOffset? Rfc822(string text)
    {
        var m = RfcPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var month = MonthOf(m.Groups["month"].Value);
        if (month is null)
        {
            return null;
        }
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["year"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }
        var time = Time(m.Groups["hour"].Value, m.Groups["minute"].Value, m.Groups["second"].Value, "");
        // The weekday is ignored on purpose: publishers get it wrong and the date says it anyway.
        return Build(year, month.Value, int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture), time,
            Offset(m.Groups["zone"].Value) ?? TimeSpan.Zero);
    }

    private static DateTimeOffset? Other(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    private static int? MonthOf(string name)
    {
        if (name.Length < 3)
        {
            return null;
        }
        var key = name[..3].ToLowerInvariant();
        var index = Array.IndexOf(Months, key);
        if (index < 0)
        {
            index = Array.IndexOf(Meses, key);
        }
        return index < 0 ? null : index + 1;
    }

    private static TimeSpan Time(string hour, string minute, string second, string fraction)
    {
        var h = hour.Length > 0 ? int.Parse(hour, CultureInfo.InvariantCulture) : 0;
        var m = minute.Length > 0 ? int.Parse(minute, CultureInfo.InvariantCulture) : 0;
        var s = second.Length > 0 ? int.Parse(second, CultureInfo.InvariantCulture) : 0;
        var ms = fraction.Length > 0 ? int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(0, h, m, Math.Min(s, 59), ms);
    }

    private static TimeSpan? Offset(string zone)
    {
        zone = zone.Trim();
        if (zone.Length == 0)
        {
            return null;
        }
        if (Zones.TryGetValue(zone, out var minutes))
        {
            return TimeSpan.FromMinutes(minutes);
        }
        var m = NumericZone().Match(zone);
        if (m.Success)
        {
            var offset = new TimeSpan(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0, 0);
            return m.Groups[1].Value == "-" ? -offset : offset;
        }
        return null;
    }

    private static DateTimeOffset? Build(int year, int month, int day, TimeSpan time, TimeSpan offset)
    {
        if (year is < 1970 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || time >= TimeSpan.FromDays(1) || offset.Duration() > TimeSpan.FromHours(14))
        {
            return null;
        }
        return new DateTimeOffset(new DateTime(year, month, day).Add(time), offset).ToUniversalTime();
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?<month>\d{1,2})(?:-(?<day>\d{1,2}))?)?(?:[T\s]+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d+))?)?)?\s*(?<zone>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|[A-Za-z]{1,5})?$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?:[A-Za-zé]{2,12}\.?,?\s*)?(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3,12})\.?[\s-]+(?<year>\d{4}|\d{2})(?:[\s,]+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?)?\s*(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?")]
    private static partial Regex RfcPattern();

    [GeneratedRegex(@"^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex NumericZone();
}
