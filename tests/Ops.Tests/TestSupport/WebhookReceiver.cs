using System.Net;
using System.Text.Json;

namespace RiskGrid.Ops.Tests.TestSupport;

/// <summary>A local HTTP endpoint standing in for an alert receiver: it keeps every JSON body posted to it.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonElement> _posts = [];
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = Ports.Free();
        Url = $"http://127.0.0.1:{Port}/alerts";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url { get; }

    public IReadOnlyList<JsonElement> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    private async Task ServeAsync()
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

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                lock (_posts)
                {
                    _posts.Add(JsonDocument.Parse(body).RootElement.Clone());
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
