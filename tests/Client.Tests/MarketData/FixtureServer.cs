using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace RiskGrid.Client.Tests.MarketData;

/// <summary>
/// An HTTP server on loopback that answers recorded responses (the files under Fixtures/): each path has a queue of
/// answers, the last one repeated. It records every request (path and query, cookies, User-Agent) so a test can check
/// what a source asked for. No test needs the internet.
/// </summary>
public sealed class FixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _loop;

    public FixtureServer()
    {
        // Another test may take the port between Ports.Free and Start: try a few.
        for (var attempt = 0; ; attempt++)
        {
            var port = Ports.Free();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; } = null!;

    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>A committed fixture's path.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "MarketData", "Fixtures", name);

    /// <summary>Queues an answer for <paramref name="path"/> (no query; e.g. <c>/v8/finance/chart/JPM</c>).</summary>
    public FixtureServer Reply(string path, int status, string body, string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        _answers.GetOrAdd(path, _ => new ConcurrentQueue<Answer>()).Enqueue(new Answer(status, Encoding.UTF8.GetBytes(body), contentType, headers ?? new Dictionary<string, string>()));
        return this;
    }

    public FixtureServer ReplyFile(string path, string fixture, string contentType = "application/json", int status = 200) =>
        Reply(path, status, File.ReadAllText(Fixture(fixture)), contentType);

    /// <summary>What Yahoo's handshake sees: a cookie on <c>/</c> (with a 404, as fc.yahoo.com answers), a crumb.</summary>
    public FixtureServer YahooHandshake(string crumb = "Abc.Def9/x")
    {
        Reply("/", 404, "Not Found", "text/plain", new Dictionary<string, string> { ["Set-Cookie"] = "A3=d=test-session; Path=/" });
        return Reply("/v1/test/getcrumb", 200, crumb, "text/plain");
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            _requests.Enqueue(new Request(path, context.Request.Url.Query, context.Request.Headers["Cookie"], context.Request.UserAgent));
            var answer = _answers.TryGetValue(path, out var queue) && queue.TryPeek(out var next)
                ? (queue.Count > 1 && queue.TryDequeue(out var first) ? first : next)
                : new Answer(404, Encoding.UTF8.GetBytes($"no fixture for {path}"), "text/plain", new Dictionary<string, string>());
            try
            {
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = answer.ContentType;
                foreach (var (name, value) in answer.Headers)
                {
                    context.Response.AddHeader(name, value);
                }

                context.Response.ContentLength64 = answer.Body.Length;
                await context.Response.OutputStream.WriteAsync(answer.Body);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    public sealed record Request(string Path, string Query, string? Cookie, string? UserAgent);

    private sealed record Answer(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers);
}
