using System.Data.Common;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;

namespace UnrestTracker.Api.Features.Figures;

/// <summary>The figure list as CSV: one row per figure, scope flattened into columns, with its source and status.</summary>
public static class ExportFigures
{
    private static readonly CsvQuery Format = new(ExportFiguresSql.Columns.Select(c => c.Header).ToList());

    /// <summary>
    /// The whole filtered set in (statedAt, id) order as ONE set-wise query (<see cref="ExportFiguresSql"/>) read row by row,
    /// the present in the export's own snapshot (<see cref="ExportSnapshot"/>); admitted by <see cref="ExportAdmission"/>.
    /// </summary>
    public static ExportStream Stream(HttpContext http, UnrestDb db, ClaimView view, FigureFilter filter, Guid? incidentId)
    {
        var rows = CsvQuery.ReadAsync(http, db, view.Time, (connection, kept) => ExportFiguresSql.Command(connection, filter, incidentId, view.Time, kept));
        return new CsvExport<DbDataReader>(rows, Format, "figures", view.Time.AnsweredAt);
    }
}
