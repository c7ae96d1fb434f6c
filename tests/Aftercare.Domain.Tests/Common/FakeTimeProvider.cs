namespace Aftercare.Domain.Tests.Common;

/// <summary>A clock the test moves by hand (the testing package for TimeProvider is not available here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void SetUtcNow(DateTimeOffset to) => now = to;
}
