namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>One item of <c>GET …/{id}/versions</c>: the full content of a version, who recorded it and when.</summary>
public sealed record VersionEntry<T>(int Version, DateTimeOffset RecordedAt, string RecordedBy, T Content);
