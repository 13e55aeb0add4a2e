using Ioc.Benchmarks.EmptyBlazor.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
// As the template ships (compressed page connections), unless the benchmark gives it the IOC server's choice
// (Pages__CompressConnections), so that the two servers compared do the same work per connection.
var compress = app.Configuration.GetValue("Pages:CompressConnections", true);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = !compress);
app.Run();
