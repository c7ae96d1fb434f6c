namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>Real time plus an offset a test can move forward: session timeouts without waiting.</summary>
public sealed class FakeClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public void Reset() => _offset = TimeSpan.Zero;
}
