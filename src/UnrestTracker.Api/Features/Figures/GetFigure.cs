using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Figures;

public static class GetFigure
{
    public static async Task<Results<Resource<SourcedFigure>, ProblemResult>> Handle(string id, TimeTravel time, UnrestDb db, CancellationToken ct)
    {
        var view = new ClaimView(db, time);
        var found = Guid.TryParse(id, out var figureId)
            ? await view.WithStatus(view.FiguresIncludingWithdrawn().Where(f => f.Id == figureId)).FirstOrDefaultAsync(ct)
            : null;
        if (found is null)
        {
            return Problems.NotFound("figure", id);
        }
        var names = await view.SourcesAsync([found.Figure.SourceId], ct);
        return Resource.Of(SourcedFigure.From(found, names));
    }
}
