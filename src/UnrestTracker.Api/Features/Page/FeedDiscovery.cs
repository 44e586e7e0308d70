using System.Net;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Page;

/// <summary>
/// The page's head names the shown incident's Atom feed (<c>&lt;link rel="alternate" type="application/atom+xml"&gt;</c>),
/// so a feed reader given the page's address finds it without running the page's scripts. The incident is the one the
/// page shows: <c>incident</c> of the URL, else the first incident as <c>GET /incidents</c> orders them; none, no link.
/// The page's script keeps the link in step when the reader switches incidents (Page/src/follow.js).
/// </summary>
public static class FeedDiscovery
{
    private const string HeadEnd = "</head>";

    public static async Task<string> AddFeedLinkAsync(string page, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var at = RequestClock.Of(http);
        var named = http.Request.Query["incident"].ToString();
        var incident = named.Length > 0 && named.Length <= 200
            ? await db.FindAsync(named, at, ct)
            : named.Length == 0
                ? await db.IncidentVersions.AsNoTracking().AsRecordedAt(at).OrderBy(v => v.StartDate).ThenBy(v => v.Id).FirstOrDefaultAsync(ct)
                : null;
        var end = page.IndexOf(HeadEnd, StringComparison.OrdinalIgnoreCase);
        if (incident is null || end < 0)
        {
            return page;
        }
        var href = IncidentLinks.Of(http, incident.Id).Feed;
        var link = $"  <link rel=\"alternate\" type=\"{Feeds.IncidentFeed.MediaType}\" title=\"{WebUtility.HtmlEncode(incident.Title)}: statements and retractions\" href=\"{WebUtility.HtmlEncode(href)}\">\n";
        return page.Insert(end, link);
    }
}
