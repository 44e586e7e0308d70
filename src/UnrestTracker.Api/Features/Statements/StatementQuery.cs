using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>
/// One statement at one moment (GET /statements/{id}, and what a PUT builds on): one round trip of one prepared SQL
/// statement over the database's one definition (migration OneReadModel), one row per figure. Through EF Core the same
/// answer was a query PostgreSQL parsed and planned anew on every request, which cost more than executing it; prepared
/// once per pooled connection (explicitly: auto-preparation stays off), it is planned once and then only executed.
/// </summary>
public static class StatementQuery
{
    // $1 asOf ('infinity' when not asked), $2 recordedAt, $3 the statement's id. Columns in the order Read takes them.
    private const string Sql = """
        SELECT s.id, s.version, s.created_at, s.recorded_at, s.recorded_by, s.incident_id, s.event_id, s.source_id, s.stated_at,
               s.url, s.archive_url, s.archived_at, s.publisher, s.quote, s.summary, s.language, s.external_refs::text,
               src.name, src.kind,
               r.statement_id, r.retracted_at, r.reason, r.by_statement_id, r.by_source_id, r.url, r.recorded_at, r.recorded_by,
               bys.name, bys.kind,
               t.entity, t.entity_id, t.at, t.by, t.reason, t.duplicate_of,
               f.id, f.version, f.created_at, f.recorded_at, f.recorded_by, f.statement_id, f.ordinal, f.metric, f.subject, f.value, f.low, f.high,
               f.qualifier, f.unit, f.scope_country, f.scope_admin1, f.scope_place, f.as_of, f.supersedes, f.incident_id, f.event_id,
               f.source_id, f.stated_at, f.series_key,
               (SELECT fs.status FROM figure_statuses($1, $2) fs WHERE fs.id = f.id AND fs.version = f.version)
        FROM statements_said($1, $2) s
        LEFT JOIN source_versions_at($2) src ON src.id = s.source_id
        LEFT JOIN retractions_at($1, $2) r ON r.statement_id = s.id
        LEFT JOIN source_versions_at($2) bys ON bys.id = r.by_source_id
        LEFT JOIN LATERAL (SELECT * FROM withdrawals_at($2) w WHERE w.entity_id = s.id LIMIT 1) t ON true
        LEFT JOIN figures_said($1, $2) f ON f.statement_id = s.id
        WHERE s.id = $3
        ORDER BY f.ordinal
        """;

    private static readonly JsonListConverter<ExternalRef> ExternalRefs = new();

    /// <summary>The statement as it stood at the moment asked about, or null when it was not said by then.</summary>
    public static async Task<StatementResponse?> FindStatementAsync(this UnrestDb db, TimeTravel time, Guid id, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection())
            {
                CommandTimeout = db.Database.GetCommandTimeout() ?? 30,
                Parameters =
                {
                    new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = time.AsOf ?? DateTimeOffset.MaxValue },
                    new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = time.RecordedAt },
                    new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = id },
                },
            };
            // Prepared once per physical connection; later calls find it prepared and send only Bind/Execute.
            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
            return await ReadAsync(reader, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<StatementResponse?> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var row = new Columns(reader);
        var statement = new StatementVersion
        {
            Id = row.Get<Guid>(),
            Version = row.Get<int>(),
            CreatedAt = row.Get<DateTimeOffset>(),
            RecordedAt = row.Get<DateTimeOffset>(),
            RecordedBy = row.Get<string>(),
            IncidentId = row.Get<Guid>(),
            EventId = row.Maybe<Guid>(),
            SourceId = row.Get<Guid>(),
            StatedAt = row.Get<DateTimeOffset>(),
            Url = row.Text(),
            ArchiveUrl = row.Text(),
            ArchivedAt = row.Maybe<DateTimeOffset>(),
            Publisher = row.Text(),
            Quote = row.Text(),
            Summary = row.Get<string>(),
            Language = row.Text(),
            ExternalRefs = (List<ExternalRef>)ExternalRefs.ConvertFromProvider(row.Get<string>())!,
        };
        var sources = new Dictionary<Guid, SourceBrief>();
        row.Brief(statement.SourceId, sources);
        var retraction = row.Maybe<Guid>() is { } retracted
            ? new Retraction
            {
                StatementId = retracted,
                RetractedAt = row.Get<DateTimeOffset>(),
                Reason = row.Get<string>(),
                ByStatementId = row.Maybe<Guid>(),
                BySourceId = row.Maybe<Guid>(),
                Url = row.Text(),
                RecordedAt = row.Get<DateTimeOffset>(),
                RecordedBy = row.Get<string>(),
            }
            : row.Skip<Retraction>(7);
        row.Brief(retraction?.BySourceId, sources);
        var tombstone = row.Text() is { } entity
            ? new Tombstone
            {
                Entity = entity,
                EntityId = row.Get<Guid>(),
                At = row.Get<DateTimeOffset>(),
                By = row.Get<string>(),
                Reason = row.Get<string>(),
                DuplicateOf = row.Maybe<Guid>(),
            }
            : row.Skip<Tombstone>(5);
        var figures = new List<FigureResponse>();
        var first = row.Position;
        do
        {
            row.Position = first;
            if (await reader.IsDBNullAsync(first, ct))
            {
                break;
            }
            var figure = new FigureVersion
            {
                Id = row.Get<Guid>(),
                Version = row.Get<int>(),
                CreatedAt = row.Get<DateTimeOffset>(),
                RecordedAt = row.Get<DateTimeOffset>(),
                RecordedBy = row.Get<string>(),
                StatementId = row.Get<Guid>(),
                Ordinal = row.Get<int>(),
                Metric = EnumText.Parse<Metric>(row.Get<string>()),
                Subject = row.Text(),
                Value = row.Maybe<decimal>(),
                Low = row.Maybe<decimal>(),
                High = row.Maybe<decimal>(),
                Qualifier = EnumText.Parse<Qualifier>(row.Get<string>()),
                Unit = row.Get<string>(),
                ScopeCountry = row.Text(),
                ScopeAdmin1 = row.Text(),
                ScopePlace = row.Text(),
                AsOf = row.Get<DateTimeOffset>(),
                Supersedes = row.Maybe<Guid>(),
                IncidentId = row.Get<Guid>(),
                EventId = row.Maybe<Guid>(),
                SourceId = row.Get<Guid>(),
                StatedAt = row.Get<DateTimeOffset>(),
                SeriesKey = row.Get<string>(),
            };
            figures.Add(FigureResponse.From(figure, new RatedFigure { Figure = figure, StatusName = row.Get<string>() }.Status));
        }
        while (await reader.ReadAsync(ct));
        return StatementReader.Render(statement, figures, retraction, tombstone, sources);
    }

    /// <summary>Reads a row's columns left to right.</summary>
    private sealed class Columns(NpgsqlDataReader reader)
    {
        public int Position { get; set; }

        public T Get<T>() => reader.GetFieldValue<T>(Position++);

        public T? Maybe<T>() where T : struct => reader.IsDBNull(Position) ? SkipOne<T?>() : reader.GetFieldValue<T>(Position++);

        public string? Text() => reader.IsDBNull(Position) ? SkipOne<string>() : reader.GetString(Position++);

        /// <summary>Passes over the remaining columns of an absent row; null stands for it.</summary>
        public T? Skip<T>(int count) where T : class
        {
            Position += count;
            return null;
        }

        /// <summary>A source's name and kind, when the source named by <paramref name="id"/> exists at the moment.</summary>
        public void Brief(Guid? id, Dictionary<Guid, SourceBrief> sources)
        {
            var name = Text();
            var kind = Text();
            if (id is { } found && name is not null && kind is not null)
            {
                sources[found] = new SourceBrief(found, name, EnumText.Parse<SourceKind>(kind));
            }
        }

        private T? SkipOne<T>()
        {
            Position++;
            return default;
        }
    }
}
