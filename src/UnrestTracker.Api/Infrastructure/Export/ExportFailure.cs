namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// What an export does when the database fails. Before the first row nothing has been sent, so the
/// exception goes on to become a 503 problem. After it, a 200 and part of the file are out: the
/// response is aborted (no final chunk), so the client sees a failed transfer rather than a clean end
/// of a truncated file.
/// </summary>
internal static class ExportFailure
{
    /// <summary>An exception filter: logs and aborts once (the writers' own disposal may throw again on the dead response), and swallows.</summary>
    public static bool Abort(HttpContext http, Exception exception, string file, int rows)
    {
        if (!http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExportFailure)).LogError(exception,
                "Export {File} failed after {Rows} rows; the response is aborted so that the client sees a failed transfer", file, rows);
            http.Abort();
        }
        return true;
    }
}
