using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Ioc.Testing;
using Ioc.Web.Live;
using Microsoft.AspNetCore.Components.Server;

namespace Ioc.Web.Tests;

/// <summary>
/// What a browser's page connection negotiates with the real server (Kestrel, Blazor's hub): no compression unless
/// Pages:CompressConnections says so, because the server's compressor kept about 320 KiB per open page.
/// </summary>
public sealed class PageConnectionTests
{
    [Fact]
    public async Task PageConnection_ByDefault_RefusesCompressionThatTheBrowserOffers()
    {
        await using var app = new IocAppFactory();

        Assert.Null(await NegotiatedExtensionsAsync(app.ServerAddress));
    }

    /// <summary>
    /// The switch, as far as this app sets it. Not through a second server: in one test process, once any app's server
    /// had compression on, the servers started after it agreed to deflate too (seen here; one app per process in
    /// production).
    /// </summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void CompressConnections_SetsWhatBlazorsEndpointsAreAsked(bool compress, bool disabled)
    {
        var endpoints = new ServerComponentsEndpointOptions();

        new PageConnectionOptions { CompressConnections = compress }.ApplyTo(endpoints);

        Assert.Equal(disabled, endpoints.DisableWebSocketCompression);
    }

    /// <summary>Opens Blazor's hub connection as Chromium does, offering permessage-deflate; the extensions the server agreed to.</summary>
    private static async Task<string?> NegotiatedExtensionsAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/_blazor?id={token}"), CancellationToken.None);
        var extensions = socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true ? string.Join(", ", values) : null;
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return extensions;
    }
}
