using Tertulia.Alerts.Notifications;

namespace Tertulia.Tests.Alerts;

/// <summary>An alert email waits for the end of the person's quiet hours, in their own time zone, summer or winter.</summary>
public sealed class QuietHoursTests
{
    [Theory]
    // Night 22–8 in Madrid, winter (UTC+1): late evening waits until 8:00 tomorrow, early morning until 8:00 today.
    [InlineData(22, 8, "Europe/Madrid", "2026-12-06T22:30:00Z", "2026-12-07T07:00:00Z")]
    [InlineData(22, 8, "Europe/Madrid", "2026-12-06T02:00:00Z", "2026-12-06T07:00:00Z")]
    [InlineData(22, 8, "Europe/Madrid", "2026-12-06T11:00:00Z", "2026-12-06T11:00:00Z")]
    // The same night in summer (UTC+2).
    [InlineData(22, 8, "Europe/Madrid", "2026-07-10T21:15:00Z", "2026-07-11T06:00:00Z")]
    // The first minute after quiet hours is allowed; the first minute of them is not.
    [InlineData(22, 8, "Europe/Madrid", "2026-12-06T07:00:00Z", "2026-12-06T07:00:00Z")]
    [InlineData(22, 8, "Europe/Madrid", "2026-12-06T21:00:00Z", "2026-12-07T07:00:00Z")]
    // Quiet during a siesta, 14–17, in the Canaries (UTC+0 in winter).
    [InlineData(14, 17, "Atlantic/Canary", "2026-12-06T15:20:00Z", "2026-12-06T17:00:00Z")]
    // A zone the machine does not know is read as UTC, never an error that loses the email.
    [InlineData(22, 8, "Mars/Olympus", "2026-12-06T23:00:00Z", "2026-12-07T08:00:00Z")]
    public void An_email_in_quiet_hours_waits_for_their_end(int from, int to, string zone, string now, string expected)
    {
        var preference = new AlertPreference { UserId = "u", QuietFromHour = from, QuietToHour = to, TimeZone = zone };

        var allowed = QuietHours.NextAllowed(preference, DateTimeOffset.Parse(now));

        Assert.Equal(DateTimeOffset.Parse(expected), allowed);
    }

    [Fact]
    public void Without_quiet_hours_an_email_goes_at_once()
    {
        var now = DateTimeOffset.Parse("2026-12-06T03:00:00Z");
        Assert.Equal(now, QuietHours.NextAllowed(new AlertPreference { UserId = "u" }, now));
        Assert.Equal(now, QuietHours.NextAllowed(new AlertPreference { UserId = "u", QuietFromHour = 5, QuietToHour = 5 }, now));
    }
}
