using Microsoft.AspNetCore.Components.Server;

namespace Ioc.Web.Live;

/// <summary>The connection each open page keeps to the server (Blazor's WebSocket).</summary>
public sealed class PageConnectionOptions
{
    public const string Section = "Pages";

    /// <summary>
    /// Compress what goes over each page's connection (WebSocket permessage-deflate, Blazor's default). Off by default:
    /// a live page sends a few kilobytes a second, which any office network carries, while the server's compressor
    /// kept about 320 KiB of native memory per open page (a wall page: 856 KiB of server RSS with it, 529 KiB without,
    /// at 100 pages). On for pages used over slow links; the app's own frame-ancestors policy applies either way.
    /// </summary>
    public bool CompressConnections { get; set; }

    /// <summary>What this asks of Blazor's interactive server endpoints.</summary>
    public void ApplyTo(ServerComponentsEndpointOptions endpoints) => endpoints.DisableWebSocketCompression = !CompressConnections;
}
