using Microsoft.AspNetCore.Antiforgery;

namespace Ioc.Web.Features.Account;

/// <summary>
/// Minimal-API endpoints check antiforgery tokens by themselves only when they bind a form; an endpoint
/// that reads nothing (sign-out) would take a cross-site POST. This makes any endpoint insist on the token.
/// </summary>
public static class AntiforgeryEndpoints
{
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint)
    {
        endpoint.WithMetadata(new RequireAntiforgeryTokenAttribute());
        // UseAntiforgery has validated the request because of the metadata; a missing result counts as a failure.
        endpoint.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "Missing or invalid antiforgery token."));
        return endpoint;
    }
}
