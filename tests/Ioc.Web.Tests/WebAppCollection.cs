using Ioc.Web.Tests.Access;

namespace Ioc.Web.Tests;

/// <summary>The one app (real SQLite, real Kestrel) that HTTP-level tests share.</summary>
[CollectionDefinition(nameof(WebAppCollection))]
public sealed class WebAppCollection : ICollectionFixture<AccessFixture>;
