using System.Net;
using System.Text.RegularExpressions;
using RiskGrid.Client.Cli.Options;

namespace RiskGrid.Client.MarketData;

/// <summary>
/// HTTP for the market-data sources: one base address (<c>--source-url</c>; every request of a source, its handshake
/// included, goes there), cookies kept between requests, a browser-like User-Agent, back-off on 429 and 503 (the
/// server's Retry-After, else 1, 2, 4, 8 s), an HTML page served with status 200 refused, and the raw-response cache
/// in front (<see cref="RawResponseCache"/>). Every failure is a <see cref="MarketDataException"/>.
/// </summary>
public sealed partial class MarketDataClient : IDisposable
{
    /// <summary>Browser-like: Yahoo refuses clients that do not look like one.</summary>
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 RiskGrid";

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly List<TimeSpan> _waits = [];

    /// <param name="baseUrl">The source's address (<c>https://query1.finance.yahoo.com</c>, a loopback test server…).</param>
    /// <param name="cache">Where raw answers are kept.</param>
    /// <param name="refresh">Ask the source even when the cache has the answer (the new answer replaces it).</param>
    /// <param name="maxAttempts">Requests per address before a 429/503 becomes an error.</param>
    /// <param name="delay">How to wait between attempts (tests pass one that records and returns at once).</param>
    public MarketDataClient(Uri baseUrl, RawResponseCache cache, bool refresh = false, int maxAttempts = 5,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(cache);
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Cache = cache;
        Refresh = refresh;
        MaxAttempts = Math.Max(1, maxAttempts);
        _delay = delay ?? Task.Delay;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60), MaxResponseContentBufferSize = 64 * 1024 * 1024 };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd("*/*");
    }

    public Uri BaseUrl { get; }

    public RawResponseCache Cache { get; }

    public bool Refresh { get; }

    public int MaxAttempts { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>What a source keeps between its requests on this client (Yahoo's crumb).</summary>
    public Dictionary<string, string> State { get; } = new(StringComparer.Ordinal);

    /// <summary>The back-off waits so far (what a test checks instead of waiting).</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits;

    /// <summary>
    /// The answer to a request: from the cache when it has it (and <see cref="Refresh"/> is off), else from the source
    /// (after <paramref name="handshake"/>, whose text is appended to the address, e.g. <c>&amp;crumb=…</c>), parsed by
    /// <paramref name="parse"/> and only then cached.
    /// </summary>
    /// <param name="what">The request in words for messages, e.g. <c>yahoo JPM</c>.</param>
    /// <param name="key">The cache key: source, symbol and range, never a secret.</param>
    /// <param name="relative">The address below <see cref="BaseUrl"/>.</param>
    /// <param name="htmlHint">What an HTML page in place of the data means for this source.</param>
    /// <param name="describeError">The source's own message in the body of an error answer, if it has one (Yahoo's <c>chart.error</c>).</param>
    public async Task<(T Value, RawResponse Raw)> GetAsync<T>(string what, string key, string relative, string htmlHint,
        Func<string, T> parse, Func<CancellationToken, Task<string>>? handshake, CancellationToken cancellationToken,
        Func<string, string?>? describeError = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var url = new Uri(BaseUrl, relative);
        if (!Refresh && Cache.Find(key, Redact(url.AbsoluteUri)) is { } cached)
        {
            try
            {
                return (parse(cached.Text), cached);
            }
            catch (MarketDataException)
            {
                // An answer this version no longer reads: ask again.
            }
        }

        var extra = handshake is null ? string.Empty : await handshake(cancellationToken);
        var (status, bytes, contentType) = await SendAsync(what, new Uri(url.AbsoluteUri + extra), cancellationToken);
        var text = RawResponseCache.Decode(bytes);
        if (status != HttpStatusCode.OK)
        {
            var described = describeError?.Invoke(text);
            throw new MarketDataException($"{what}: HTTP {(int)status} {status}" +
                                          (described is { Length: > 0 } ? $": {OptionParsers.Printable(described)}" : Excerpt(text)) +
                                          $" (from {Redact(url.AbsoluteUri)})");
        }

        if (LooksLikeHtml(contentType, text))
        {
            throw new MarketDataException($"{what}: {htmlHint} ({Redact(url.AbsoluteUri)} answered HTTP 200 with an HTML page{HtmlTitle(text)})");
        }

        var value = parse(text);
        return (value, Cache.Store(key, Redact(url.AbsoluteUri), bytes));
    }

    /// <summary>A request whose answer is not data (a handshake): any status, no HTML check, no cache; 429/503 still back off.</summary>
    public async Task<(HttpStatusCode Status, string Text, string? ContentType)> GetUncheckedAsync(string what, string relative,
        CancellationToken cancellationToken)
    {
        var (status, bytes, contentType) = await SendAsync(what, new Uri(BaseUrl, relative), cancellationToken);
        return (status, RawResponseCache.Decode(bytes), contentType);
    }

    /// <summary>Whether an answer is an HTML page: said so by its content type, or it starts with a tag.</summary>
    public static bool LooksLikeHtml(string? contentType, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || text.AsSpan().TrimStart().StartsWith("<");
    }

    /// <summary>The address without the values of secrets and session tokens (API keys, Yahoo's crumb).</summary>
    public static string Redact(string url) => SecretParameter().Replace(url, "$1=…");

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode, byte[], string?)> SendAsync(string what, Uri url, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.GetAsync(url, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new MarketDataException($"{what}: cannot reach {Redact(url.AbsoluteUri)}: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MarketDataException($"{what}: {Redact(url.AbsoluteUri)} did not answer within {_http.Timeout.TotalSeconds:F0} s", ex);
            }

            using (response)
            {
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    if (attempt >= MaxAttempts)
                    {
                        throw new MarketDataException($"{what}: {Redact(url.AbsoluteUri)} still answered HTTP {(int)response.StatusCode} " +
                                                      $"({response.StatusCode}) after {attempt} attempts; try again later");
                    }

                    var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
                    wait = wait > MaxWait ? MaxWait : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
                    _waits.Add(wait);
                    await _delay(wait, cancellationToken);
                    continue;
                }

                byte[] bytes;
                try
                {
                    bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    throw new MarketDataException($"{what}: reading the answer of {Redact(url.AbsoluteUri)} failed: {ex.Message}", ex);
                }

                return (response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retry
            ? retry.Delta ?? (retry.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;

    private static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? string.Empty : $": {OptionParsers.Printable(line)}";
    }

    private static string HtmlTitle(string text) =>
        TitleTag().Match(text) is { Success: true } m ? $" titled '{OptionParsers.Printable(m.Groups[1].Value.Trim())}'" : string.Empty;

    [GeneratedRegex("(apikey|api_key|crumb)=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    [GeneratedRegex("<title[^>]*>([^<]*)</title>", RegexOptions.IgnoreCase)]
    private static partial Regex TitleTag();
}
