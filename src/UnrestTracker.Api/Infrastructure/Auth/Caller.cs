namespace UnrestTracker.Api.Infrastructure.Auth;

public static class Caller
{
    /// <summary>Who a write is recorded as: the API key's name, or "anonymous" for a request without one.</summary>
    public static string NameOf(HttpContext http) => http.User.Identity?.Name ?? "anonymous";
}
