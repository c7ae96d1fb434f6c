namespace Aftercare.Web.Live;

/// <summary>
/// A live page's connection is opened by Aftercare's own pages only. Browsers send the page's
/// origin with a WebSocket or a fetch; one from another site is refused before anything is read,
/// whatever cookies it carries (the session cookie is SameSite=Strict as well).
/// </summary>
public static class LiveOriginCheck
{
    public static IApplicationBuilder UseLiveOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Headers.Origin is { Count: > 0 } origin &&
            !(Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri) &&
              string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next();
    });
}
