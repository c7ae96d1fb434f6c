using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>
/// A minimal client of the SignalR JSON hub protocol (version 1) over an already-connected
/// WebSocket, for tests and the benchmark: the .NET SignalR client package is not in the registry
/// this project builds from (docs/decisions/0011). It knows the handshake
/// (<c>{"protocol":"json","version":1}</c>), invocations (type 1) both ways, completions (3),
/// pings (6) and close (7), each record ended by the 0x1E separator. It depends on nothing but the
/// framework, so the benchmark can link this one file.
/// <para>
/// Connect it to TestServer with <c>factory.Server.CreateWebSocketClient()</c> (setting the
/// session cookie in <c>ConfigureRequest</c>), or to Kestrel with a <c>ClientWebSocket</c> carrying
/// the cookie; the URL is the hub's (<c>ws://host/hubs/live</c>): WebSockets need no negotiation.
/// </para>
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<LiveEvent> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _buffer = new();
    // Stateful, so a character split between two frames is decoded whole.
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;
    private int _nextInvocation;

    private LiveClient(WebSocket socket) => _socket = socket;

    /// <summary>Every invocation the server has sent this client, in order of arrival.</summary>
    public IReadOnlyList<LiveEvent> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>Set when the server closed the connection (its close message's error, or "closed").</summary>
    public string? ClosedBecause { get; private set; }

    /// <summary>Sends the handshake on <paramref name="socket"/> and waits for the server's answer.</summary>
    public static async Task<LiveClient> ConnectAsync(WebSocket socket, CancellationToken ct = default)
    {
        var client = new LiveClient(socket);
        await client.SendRecord("""{"protocol":"json","version":1}""", ct);
        var answer = await client.ReceiveRecord(ct) ?? throw new LiveClientException("The server closed the connection during the handshake");
        using (var doc = JsonDocument.Parse(answer))
            if (doc.RootElement.TryGetProperty("error", out var error))
                throw new LiveClientException("The server refused the handshake: " + error.GetString());
        client._receiving = Task.Run(client.ReceiveLoop);
        client._pinging = Task.Run(client.PingLoop);
        return client;
    }

    /// <summary>Calls a hub method and returns its result; a hub error (a refusal) is thrown as <see cref="LiveClientException"/>.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendRecord(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }), _stop.Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using (timeout.Token.Register(() => completion.TrySetException(new TimeoutException($"{target} was not answered within 30 seconds"))))
            return await completion.Task;
    }

    /// <summary>Calls a hub method and reads its result as <typeparamref name="T"/> (the hub's camelCase JSON).</summary>
    public async Task<T> InvokeAsync<T>(string target, params object?[] arguments) =>
        (await InvokeAsync(target, arguments)).Deserialize<T>(Json)!;

    /// <summary>Waits for the first event (received before or after this call) that matches, or fails after <paramref name="timeout"/>.</summary>
    public async Task<LiveEvent> WaitForAsync(Func<LiveEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_received)
            {
                var found = _received.FirstOrDefault(match);
                if (found is not null) return found;
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No matching event within {timeout}; received: {string.Join(", ", Received.Select(e => e.Target))}");
            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    /// <summary>Waits until the server closes the connection; answers why.</summary>
    public async Task<string> ClosedAsync(TimeSpan timeout) =>
        await _closed.Task.WaitAsync(timeout);

    /// <summary>The JSON options the hub writes with: camelCase, as SignalR's JSON protocol does.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", quick.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
        _socket.Abort();
        try { await Task.WhenAll(_receiving, _pinging); }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = await ReceiveRecord(_stop.Token);
                if (record is null) { Close("closed"); return; }
                Handle(record);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            Close("closed: " + e.Message);
        }
    }

    private void Handle(string record)
    {
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1: // the server calls the client
                var arguments = root.TryGetProperty("arguments", out var a) ? a.EnumerateArray().Select(x => x.Clone()).ToArray() : [];
                lock (_received)
                {
                    _received.Add(new LiveEvent(root.GetProperty("target").GetString()!, arguments, DateTimeOffset.UtcNow));
                    var arrived = _arrived;
                    _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    arrived.TrySetResult();
                }
                break;
            case 3: // a completion of one of ours
                if (_pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var pending))
                {
                    if (root.TryGetProperty("error", out var error)) pending.TrySetException(new LiveClientException(error.GetString() ?? "error"));
                    else pending.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                }
                break;
            case 7: // close
                Close(root.TryGetProperty("error", out var why) ? why.GetString() ?? "closed" : "closed");
                break;
            default: // 6 ping, and anything newer than this client
                break;
        }
    }

    private void Close(string because)
    {
        ClosedBecause ??= because;
        _closed.TrySetResult(ClosedBecause);
        foreach (var (id, pending) in _pending)
            if (_pending.TryRemove(id, out _)) pending.TrySetException(new LiveClientException("The connection closed: " + because));
        lock (_received) _arrived.TrySetResult();
    }

    private async Task PingLoop()
    {
        // The server drops a client it has not heard from in 30 seconds.
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(PingEvery, _stop.Token);
                await SendRecord("""{"type":6}""", _stop.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task SendRecord(string json, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _sending.WaitAsync(ct);
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct); }
        finally { _sending.Release(); }
    }

    /// <summary>The next whole record, from what is buffered or from the socket; null when the socket closes.</summary>
    private async Task<string?> ReceiveRecord(CancellationToken ct)
    {
        var chunk = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(chunk.Length)];
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                return text[..end];
            }
            var received = await _socket.ReceiveAsync(chunk, ct);
            if (received.MessageType == WebSocketMessageType.Close) return null;
            var count = _decoder.GetChars(chunk, 0, received.Count, chars, 0, flush: false);
            _buffer.Append(chars, 0, count);
        }
    }
}

/// <summary>One call from the server: its target ("message", "counts", "resync") and its arguments as JSON.</summary>
public sealed record LiveEvent(string Target, JsonElement[] Arguments, DateTimeOffset ReceivedAt)
{
    public T Argument<T>(int index = 0) => Arguments[index].Deserialize<T>(LiveClient.Json)!;
}

/// <summary>The hub refused a call (its error message, such as "Not found"), or the connection failed.</summary>
public sealed class LiveClientException(string message) : Exception(message);
