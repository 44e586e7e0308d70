namespace UnrestTracker.Api.Features.Imports;

/// <summary>The imported file: its name as given, size in bytes and SHA-256 (hex).</summary>
public sealed record ImportFileInfo(string Name, long Bytes, string Sha256);

/// <summary>The options the import ran with (null when not given).</summary>
public sealed record ImportOptionsInfo(string? Incident, string? Country, DateOnly? From, DateOnly? To);

/// <summary>
/// The report of one import (docs/imports.md, "Report"). For acled and ucdp, <c>rows = skipped + rejectedCount +
/// eventsCreated + eventsUpdated + eventsUnchanged</c>; <c>rejected</c> and <c>adjusted</c> list the first 1,000
/// rows, counted from 1 (the header is row 0). <c>finishedAt</c> is null while an import runs; an import that stopped
/// before the end of its file has <c>finishedAt</c> set and <c>interrupted</c> true.
/// </summary>
public sealed record ImportResponse(
    Guid Id, string Dataset, ImportFileInfo File, DateTimeOffset Released, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    ImportOptionsInfo Options, long Rows, long Skipped, long RejectedCount, IReadOnlyList<RowNote> Rejected, long AdjustedCount,
    IReadOnlyList<RowNote> Adjusted, long EventsCreated, long EventsUpdated, long EventsUnchanged, long EventsDeleted,
    long StatementsCreated, long StatementsRetracted, string RecordedBy, bool Interrupted)
{
    public static ImportResponse From(ImportReport r) => new(
        r.Id, r.Dataset, new ImportFileInfo(r.FileName, r.FileBytes, r.FileSha256), r.Released, r.StartedAt, r.FinishedAt,
        new ImportOptionsInfo(r.Incident, r.Country, r.From, r.To), r.Rows, r.Skipped, r.RejectedCount, r.Rejected,
        r.AdjustedCount, r.Adjusted, r.EventsCreated, r.EventsUpdated, r.EventsUnchanged, r.EventsDeleted,
        r.StatementsCreated, r.StatementsRetracted, r.RecordedBy, r.Interrupted);
}
