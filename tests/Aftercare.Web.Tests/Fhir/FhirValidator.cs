using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>What the validators said about one resource.</summary>
public sealed record FhirValidation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The FHIR R4 validators from npm (validate-fhir.mjs: the HL7 R4 JSON schema and Medplum's
/// validator on the base StructureDefinitions), run by node once for the whole test run and asked
/// about one resource at a time over its standard input: the machine has two cores, and loading
/// the definitions takes seconds.
/// </summary>
public static class FhirValidator
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Process? _node;
    private static readonly System.Text.StringBuilder NodeErrors = new();

    /// <summary>Validates a resource (a bundle is validated with everything in it).</summary>
    public static async Task<FhirValidation> Validate(string json)
    {
        // One line per resource: the validator reads lines.
        var line = JsonNode.Parse(json)!.ToJsonString();
        await Gate.WaitAsync();
        try
        {
            var node = await Start();
            await node.StandardInput.WriteLineAsync(line);
            await node.StandardInput.FlushAsync();
            var answer = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))
                ?? throw new InvalidOperationException("The FHIR validator stopped: " + Said());
            using var doc = JsonDocument.Parse(answer);
            return new FhirValidation(
                [.. doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)],
                [.. doc.RootElement.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()!)]);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Asserts that the resource is valid FHIR R4, without so much as a warning, naming everything said when it is not.</summary>
    public static async Task AssertValid(string json)
    {
        var result = await Validate(json);
        Assert.True(result.IsValid && result.Warnings.Count == 0,
            "Not valid FHIR R4:\n" + string.Join("\n", result.Errors.Concat(result.Warnings)) + "\n" + json);
    }

    private static async Task<Process> Start()
    {
        if (_node is { HasExited: false }) return _node;
        var script = Path.Combine(RepositoryRoot(), "tests", "Aftercare.Web.Tests", "Fhir", "validate-fhir.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the FHIR validator");
        // Read what node says on standard error as it comes, so that it can never fill the pipe and stall.
        node.ErrorDataReceived += (_, e) => { lock (NodeErrors) NodeErrors.AppendLine(e.Data); };
        node.BeginErrorReadLine();
        var ready = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (ready is null || !ready.Contains("\"ready\":true"))
            throw new InvalidOperationException(
                "The FHIR validator did not start (run npm ci in the repository, which installs it from package.json): " + Said());
        // Node ends when our end of its standard input closes, with the test run.
        return _node = node;
    }

    private static string Said()
    {
        lock (NodeErrors) return NodeErrors.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Aftercare.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository (Aftercare.sln) above " + AppContext.BaseDirectory);
    }
}
