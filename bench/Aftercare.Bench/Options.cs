using System.Globalization;

namespace Aftercare.Bench;

/// <summary>A failure the benchmark reports in a sentence rather than a stack trace.</summary>
public sealed class BenchException(string message) : Exception(message);

/// <summary>"--name value" pairs from the command line.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (name is null)
            {
                if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new BenchException($"Expected an option like --scale, not '{arg}'");
                name = arg[2..];
            }
            else
            {
                options._values[name] = arg;
                name = null;
            }
        }
        if (name is not null) throw new BenchException($"--{name} needs a value");
        return options;
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new BenchException($"--{name} is required");

    public double Number(string name, double fallback) =>
        Text(name) is { } s
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new BenchException($"--{name} must be a number")
            : fallback;

    public int Whole(string name, int fallback) =>
        Text(name) is { } s
            ? int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new BenchException($"--{name} must be a whole number")
            : fallback;
}
