namespace UnrestTracker.Api.Infrastructure.Auth;

public static class ClientIdentity
{
    /// <summary>Who is asking: the key's name, or the address of an anonymous caller.</summary>
    public static string Of(HttpContext http) => http.User.Identity?.IsAuthenticated == true
        ? $"key:{http.User.Identity.Name}"
        : $"ip:{http.Connection.RemoteIpAddress}";
}
