using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Values;

/// <summary>
/// A Traefik duration, read as Traefik reads the CRDs' int-or-string durations: an integer (a JSON number, or text that
/// Go's <c>strconv.ParseInt</c> reads) is whole seconds; any other text is Go's <c>time.ParseDuration</c> syntax: an optional
/// sign, then numbers (decimals allowed, as in <c>1.5h</c>) each followed by a unit <c>ns</c>, <c>us</c> (<c>µs</c>),
/// <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>, as in <c>1m30s</c>. Values beyond Go's range (about 292 years) are refused;
/// so are whole seconds that would overflow it, which Go would silently wrap.
/// </summary>
public sealed record GoDuration
{
    private const ulong Overflow = 1UL << 63;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1, ["us"] = 1_000, ["µs"] = 1_000, ["μs"] = 1_000, ["ms"] = 1_000_000, ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000, ["h"] = 3_600_000_000_000,
    };

    private GoDuration(string text, long nanoseconds, bool wholeSeconds)
    {
        Text = text;
        Nanoseconds = nanoseconds;
        IsWholeSeconds = wholeSeconds;
    }

    /// <summary>The duration as written (<c>10s</c>, or <c>10</c> for whole seconds).</summary>
    public string Text { get; }

    /// <summary>The length in nanoseconds, as Go's <c>time.Duration</c>.</summary>
    public long Nanoseconds { get; }

    /// <summary>True when it was written as an integer, which Traefik reads as seconds.</summary>
    public bool IsWholeSeconds { get; }

    /// <summary>True for a negative duration (Go accepts them; most Traefik fields do not mean anything by them).</summary>
    public bool IsNegative => Nanoseconds < 0;

    /// <summary>The length, to the 100 ns a <see cref="TimeSpan"/> resolves.</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Nanoseconds / 100);

    /// <summary>Reads a duration written as text.</summary>
    /// <exception cref="FormatException">Traefik would not read it; the message says what to write instead.</exception>
    public static GoDuration Parse(string? text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Reads a duration written as text; false when Traefik would not read it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GoDuration? duration) => TryParse(text, out duration, out _);

    /// <summary>Reads a duration as the CRDs hold it: a number of seconds or a text.</summary>
    public static bool TryParse(IntOrString value, [NotNullWhen(true)] out GoDuration? duration, [NotNullWhen(false)] out string? error) =>
        value.Number is { } seconds
            ? Seconds(seconds, seconds.ToString(CultureInfo.InvariantCulture), out duration, out error)
            : TryParse(value.Text, out duration, out error);

    /// <summary>Reads a duration written as text; false, with what to write instead, when Traefik would not read it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GoDuration? duration, [NotNullWhen(false)] out string? error)
    {
        duration = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a duration is required, for example 10s or 100ms.";
            return false;
        }

        if (WholeSeconds(text) is { } seconds)
        {
            return Seconds(seconds, text, out duration, out error);
        }

        if (Nanos(text) is not { } nanoseconds)
        {
            error = $"{Check.Show(text)} is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.";
            return false;
        }

        duration = new GoDuration(text, nanoseconds, wholeSeconds: false);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static bool Seconds(long seconds, string text, [NotNullWhen(true)] out GoDuration? duration, [NotNullWhen(false)] out string? error)
    {
        if (seconds is > long.MaxValue / NanosecondsPerSecond or < long.MinValue / NanosecondsPerSecond)
        {
            duration = null;
            error = $"{Check.Show(text)} seconds is too long a duration: give at most {long.MaxValue / NanosecondsPerSecond} seconds (about 292 years).";
            return false;
        }

        duration = new GoDuration(text, seconds * NanosecondsPerSecond, wholeSeconds: true);
        error = null;
        return true;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>: an optional sign and decimal digits, within 64 bits.</summary>
    private static long? WholeSeconds(string text)
    {
        var digits = text.AsSpan(text[0] is '+' or '-' ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>Go's <c>time.ParseDuration</c>; null where it returns an error.</summary>
    private static long? Nanos(string text)
    {
        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return 0;
        }

        if (s.IsEmpty)
        {
            return null;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (s[0] != '.' && !char.IsAsciiDigit(s[0]))
            {
                return null;
            }

            var before = s.Length;
            if (LeadingInteger(ref s) is not { } whole)
            {
                return null;
            }

            var hasWhole = s.Length != before;
            var hasFraction = false;
            ulong fraction = 0;
            var scale = 1d;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                before = s.Length;
                (fraction, scale) = LeadingFraction(ref s);
                hasFraction = s.Length != before;
            }

            if (!hasWhole && !hasFraction)
            {
                return null;
            }

            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }

            if (unitLength == 0 || !Units.TryGetValue(s[..unitLength].ToString(), out var unit))
            {
                return null;
            }

            s = s[unitLength..];
            if (whole > Overflow / unit)
            {
                return null;
            }

            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > Overflow)
                {
                    return null;
                }
            }

            total += whole;
            if (total > Overflow)
            {
                return null;
            }
        }

        if (negative)
        {
            return total == Overflow ? long.MinValue : -(long)total;
        }

        return total > long.MaxValue ? null : (long)total;
    }

    private static ulong? LeadingInteger(ref ReadOnlySpan<char> s)
    {
        ulong x = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (x > Overflow / 10)
            {
                return null;
            }

            x = (x * 10) + (ulong)(s[i] - '0');
            if (x > Overflow)
            {
                return null;
            }
        }

        s = s[i..];
        return x;
    }

    private static (ulong Value, double Scale) LeadingFraction(ref ReadOnlySpan<char> s)
    {
        ulong x = 0;
        var scale = 1d;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }

            if (x > (Overflow - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (x * 10) + (ulong)(s[i] - '0');
            if (y > Overflow)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        s = s[i..];
        return (x, scale);
    }
}
