namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>Where the API lives: every feature maps its routes into one group at this path (Program.cs), and links to them start with it.</summary>
public static class ApiPath
{
    public const string V1 = "/api/v1";
}
