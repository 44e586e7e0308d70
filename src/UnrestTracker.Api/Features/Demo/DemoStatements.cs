using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>
/// The claims of the demo: tolls and detentions as they were announced, revised and (once) retracted.
/// Timestamps are those of shared/reference/demo-facts.md; summaries are our own words.
/// </summary>
internal static class DemoStatements
{
    public static void Record(UnrestDb db, WriteBatch batch, Guid incidentId, IReadOnlyDictionary<string, Guid> sources)
    {
        StatementVersion Say(string source, string statedAt, string summary, params FigureRequest[] figures)
        {
            var request = new StatementRequest
            {
                IncidentId = incidentId,
                SourceId = sources[source],
                StatedAt = DateTimeOffset.Parse(statedAt, System.Globalization.CultureInfo.InvariantCulture),
                Summary = summary,
                Language = "en",
                Figures = figures,
            };
            var validation = request.Validate();
            if (!validation.IsValid)
            {
                throw new InvalidOperationException($"Demo statement is invalid: {string.Join("; ", validation.ToDictionary().Keys)}");
            }
            return CreateStatement.Record(db, batch, request);
        }

        Say("interior", "2022-01-08T12:00:00Z", "Police report 4,404 people detained so far during the unrest.", Detained(4404));
        var post = Say("information", "2022-01-09T08:00:00Z",
            "A ministry post gives the death toll as more than 164; the post was later taken down.",
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.MoreThan, Value = 164, Unit = "people" });
        Say("interior", "2022-01-09T12:00:00Z", "The interior ministry raises the number of detainees to 5,800.", Detained(5800));
        RetractStatement.Record(db, batch, post.Id, new RetractionRequest
        {
            RetractedAt = DateTimeOffset.Parse("2022-01-09T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Reason = "technical mistake",
            BySourceId = sources["information"],
        });
        Say("health", "2022-01-10T09:00:00Z", "Health officials put the dead at 164, three of them children.",
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.Exact, Value = 164, Unit = "people" },
            new FigureRequest { Metric = Metric.Killed, Subject = "children", Qualifier = Qualifier.Exact, Value = 3, Unit = "people" });
        Say("interior", "2022-01-10T12:00:00Z", "Close to 8,000 people have been detained, the ministry says (7,939).",
            new FigureRequest { Metric = Metric.Detained, Qualifier = Qualifier.Approximately, Value = 7939, Unit = "people" });
        Say("president", "2022-01-10T14:00:00Z", "The president estimates the economic damage at two to three billion dollars.",
            new FigureRequest { Metric = Metric.EconomicLoss, Qualifier = Qualifier.Range, Low = 2_000_000_000, High = 3_000_000_000, Unit = "USD" });
        Say("interior", "2022-01-11T12:00:00Z", "Detentions reach 9,900 according to the interior ministry.", Detained(9900));
        Say("prosecutor", "2022-01-15T12:00:00Z", "Prosecutors put the number of people killed at 225.",
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.Exact, Value = 225, Unit = "people" });
    }

    private static FigureRequest Detained(int count) =>
        new() { Metric = Metric.Detained, Qualifier = Qualifier.Exact, Value = count, Unit = "people" };
}
