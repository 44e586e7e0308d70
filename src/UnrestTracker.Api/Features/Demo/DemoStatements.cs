using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>
/// The claims of the demo: tolls and detentions as they were announced, revised and (once) retracted.
/// Timestamps are those listed in docs/demo.md (the hour a placeholder where reporting gives only the day); summaries are our own words. Statements that reached us
/// through the TRT World report of 10 January 2022 name it as their publisher, so a journalist can cite them; quotes
/// are only the short phrases that report quotes. No URL is invented: the facts give none.
/// </summary>
internal static class DemoStatements
{
    /// <summary>The publisher of the statements whose basis is the seed news report.</summary>
    public const string SeedPublisher = "TRT World";

    public static void Record(UnrestDb db, WriteBatch batch, Guid incidentId, IReadOnlyDictionary<string, Guid> sources)
    {
        StatementVersion Say(string source, string statedAt, string summary, params FigureRequest[] figures) =>
            Reported(source, statedAt, summary, null, null, figures);

        StatementVersion Seed(string source, string statedAt, string summary, string? quote, params FigureRequest[] figures) =>
            Reported(source, statedAt, summary, SeedPublisher, quote, figures);

        StatementVersion Reported(string source, string statedAt, string summary, string? publisher, string? quote, FigureRequest[] figures)
        {
            var request = new StatementRequest
            {
                IncidentId = incidentId,
                SourceId = sources[source],
                StatedAt = DateTimeOffset.Parse(statedAt, System.Globalization.CultureInfo.InvariantCulture),
                Publisher = publisher,
                Quote = quote,
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
        var post = Seed("information", "2022-01-09T08:00:00Z",
            "A ministry post gives the death toll as more than 164; the post was later taken down.", null,
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.MoreThan, Value = 164, Unit = "people" });
        Say("interior", "2022-01-09T12:00:00Z", "The interior ministry raises the number of detainees to 5,800.", Detained(5800));
        RetractStatement.Record(db, batch, post.Id, new RetractionRequest
        {
            RetractedAt = DateTimeOffset.Parse("2022-01-09T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Reason = "technical mistake",
            BySourceId = sources["information"],
        });
        Seed("health", "2022-01-10T09:00:00Z", "Health officials put the dead at 164, three of them children.", null,
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.Exact, Value = 164, Unit = "people" },
            new FigureRequest { Metric = Metric.Killed, Subject = "children", Qualifier = Qualifier.Exact, Value = 3, Unit = "people" });
        Seed("interior", "2022-01-10T12:00:00Z", "Close to 8,000 people have been detained, the ministry says (7,939).", null,
            new FigureRequest { Metric = Metric.Detained, Qualifier = Qualifier.Approximately, Value = 7939, Unit = "people" });
        Seed("president", "2022-01-10T14:00:00Z",
            "The president puts the preliminary economic damage at two to three billion dollars and says foreign fighters "
            + "sought to sow chaos and seize power.", "zone of controlled chaos",
            new FigureRequest { Metric = Metric.EconomicLoss, Qualifier = Qualifier.Range, Low = 2_000_000_000, High = 3_000_000_000, Unit = "USD" });
        Say("interior", "2022-01-11T12:00:00Z", "Detentions reach 9,900 according to the interior ministry.", Detained(9900));
        Say("prosecutor", "2022-01-15T12:00:00Z", "Prosecutors put the number of people killed at 225.",
            new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.Exact, Value = 225, Unit = "people" });
    }

    private static FigureRequest Detained(int count) =>
        new() { Metric = Metric.Detained, Qualifier = Qualifier.Exact, Value = count, Unit = "people" };
}
