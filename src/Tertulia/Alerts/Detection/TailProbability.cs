namespace Tertulia.Alerts.Detection;

/// <summary>
/// Upper tails of the count distributions the detector tests against, computed in log space so that a bakery's 0.2
/// mentions an hour and a chain's 2,000 are handled by the same code without underflow.
/// </summary>
public static class TailProbability
{
    /// <summary>
    /// P(X ≥ <paramref name="observed"/>) for a negative binomial of mean <paramref name="mean"/> and variance
    /// mean + dispersion·mean². Dispersion 0 is the Poisson.
    /// </summary>
    public static double AtLeast(int observed, double mean, double dispersion)
    {
        if (observed <= 0)
        {
            return 1;
        }
        mean = Math.Max(mean, 1e-9);
        // P(X ≥ x) = 1 − Σ_{k<x} pmf(k); summed from k = 0 with the pmf's recurrence, in logs.
        double logPmf, logSum;
        if (dispersion <= 1e-9)
        {
            logPmf = -mean;
        }
        else
        {
            var r = 1 / dispersion;
            logPmf = r * Math.Log(r / (r + mean));
        }
        logSum = logPmf;
        for (var k = 0; k < observed - 1; k++)
        {
            logPmf += dispersion <= 1e-9
                ? Math.Log(mean / (k + 1))
                : Math.Log((k + 1 / dispersion) / (k + 1)) + Math.Log(mean / (1 / dispersion + mean));
            logSum = LogAdd(logSum, logPmf);
        }
        var below = Math.Exp(logSum);
        return below >= 1 ? UpperFromMode(observed, mean, dispersion) : 1 - below;
    }

    /// <summary>P(X ≥ <paramref name="successes"/>) for a binomial of <paramref name="trials"/> trials with probability <paramref name="p"/>.</summary>
    public static double BinomialAtLeast(int successes, int trials, double p)
    {
        if (successes <= 0)
        {
            return 1;
        }
        if (successes > trials)
        {
            return 0;
        }
        p = Math.Clamp(p, 1e-9, 1 - 1e-9);
        // Summed upwards from x: the terms shrink past the mean, so the upper tail is accurate even when tiny.
        var logPmf = LogChoose(trials, successes) + successes * Math.Log(p) + (trials - successes) * Math.Log(1 - p);
        var logSum = logPmf;
        for (var k = successes; k < trials; k++)
        {
            logPmf += Math.Log((double)(trials - k) / (k + 1)) + Math.Log(p / (1 - p));
            logSum = LogAdd(logSum, logPmf);
            if (logPmf < logSum - 40)
            {
                break;
            }
        }
        return Math.Min(1, Math.Exp(logSum));
    }

    /// <summary>When the lower sum rounds to 1 the tail is below double precision there: sum it upwards instead.</summary>
    private static double UpperFromMode(int observed, double mean, double dispersion)
    {
        double logPmf;
        if (dispersion <= 1e-9)
        {
            logPmf = -mean + observed * Math.Log(mean) - LogFactorial(observed);
        }
        else
        {
            var r = 1 / dispersion;
            logPmf = LogGamma(observed + r) - LogGamma(r) - LogFactorial(observed)
                + r * Math.Log(r / (r + mean)) + observed * Math.Log(mean / (r + mean));
        }
        var logSum = logPmf;
        for (var k = observed; k < observed + 100_000; k++)
        {
            logPmf += dispersion <= 1e-9
                ? Math.Log(mean / (k + 1))
                : Math.Log((k + 1 / dispersion) / (k + 1)) + Math.Log(mean / (1 / dispersion + mean));
            logSum = LogAdd(logSum, logPmf);
            if (logPmf < logSum - 40)
            {
                break;
            }
        }
        return Math.Min(1, Math.Exp(logSum));
    }

    private static double LogAdd(double a, double b) =>
        a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(int n) => LogGamma(n + 1.0);

    /// <summary>Lanczos approximation (g = 7, nine terms): about 15 significant digits for x &gt; 0.</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
