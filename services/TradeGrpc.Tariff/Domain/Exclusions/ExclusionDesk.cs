using TradeGrpc.Errors;
using TradeGrpc.Messaging;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Domain.Exclusions;

/// <summary>Exclusion requests and decisions; a granted exclusion changes quotes at once.</summary>
public sealed class ExclusionDesk(IDocumentStore store, CommandGate gate, TariffBook book, ReplicaBus replicas, TimeProvider clock)
{
    public const string DocumentKind = "exclusion";

    /// <summary>The topic that tells other replicas an exclusion changed: <c>exclusion:{id}</c>.</summary>
    public const string ChangedTopic = "exclusion:";

    /// <summary>Swaps an exclusion into the book, unless the book holds it decided and this is the request before the decision.</summary>
    public void Apply(ExclusionRecord exclusion) =>
        book.TryUpdate(snapshot => snapshot.Exclusions.FirstOrDefault(e => e.Id == exclusion.Id) is { DecideTime: not null } && exclusion.DecideTime is null
            ? null
            : snapshot.WithExclusions([.. snapshot.Exclusions.Where(e => e.Id != exclusion.Id).Append(exclusion).OrderBy(e => e.CreateTime)]));

    public ExclusionRecord Get(string name)
    {
        var id = name[(ExclusionRecord.CollectionId.Length + 1)..];
        return book.Current.Exclusions.FirstOrDefault(e => e.Id == id) ?? throw new NotFoundException("EXCLUSION_NOT_FOUND", name);
    }

    public IReadOnlyList<ExclusionRecord> List(string measureName, ExclusionStatus? status, string? afterId, int limit)
    {
        var all = book.Current.Exclusions;
        var start = afterId is null ? 0 : all.TakeWhile(e => e.Id != afterId).Count() + 1;
        return [.. all.Skip(start)
            .Where(e => measureName.Length == 0 || e.MeasureId == MeasureRecord.IdOf(measureName))
            .Where(e => status is null || e.Status == status)
            .Take(limit)];
    }

    public async Task<ExclusionRecord> RequestAsync(string measureName, string htsCode, string requester, string description,
        string requestId, string fingerprint, CancellationToken cancellationToken)
    {
        var measure = book.Current.Measures.Measures.GetValueOrDefault(MeasureRecord.IdOf(measureName))
            ?? throw new NotFoundException("MEASURE_NOT_FOUND", measureName);
        var now = clock.GetUtcNow();
        var exclusion = new ExclusionRecord(Guid.CreateVersion7(now).ToString("N"), measure.Id, htsCode.Replace(".", "", StringComparison.Ordinal),
            requester, description, ExclusionStatus.Pending, "", null, null, now, null);
        return await WriteAsync(requestId, fingerprint, async () =>
        {
            await store.SaveAsync(DocumentKind, exclusion.Id, exclusion, 1, 0, CommandGate.Record(requestId, exclusion.Name, fingerprint), cancellationToken);
            return exclusion;
        });
    }

    /// <summary>
    /// Grants (with a heading and a window; the window starts at the measure's first phase
    /// unless given, since exclusions are retroactive) or denies a pending request.
    /// </summary>
    public Task<ExclusionRecord> DecideAsync(string name, bool grant, string heading, DateOnly? validFrom, DateOnly? validTo, CancellationToken cancellationToken) =>
        WriteAsync("", "", async () =>
        {
            var current = Get(name);
            if (current.Status != ExclusionStatus.Pending)
            {
                throw new RuleViolationException("EXCLUSION_ALREADY_DECIDED", "STATE", name, $"{name} is {current.Status.ToString().ToUpperInvariant()}; only a PENDING request can be decided.");
            }

            var decided = current with { Status = grant ? ExclusionStatus.Granted : ExclusionStatus.Denied, DecideTime = clock.GetUtcNow() };
            if (grant)
            {
                if (validTo is null)
                {
                    throw new InvalidInputException("VALID_TO_REQUIRED", new FieldError("valid_to", "a granted exclusion needs the last date it covers"));
                }

                var from = validFrom ?? book.Current.Measures.Measures.GetValueOrDefault(current.MeasureId)?.FirstEffectiveDate() ?? validTo.Value;
                if (from > validTo)
                {
                    throw new InvalidInputException("VALIDITY_OUT_OF_ORDER", new FieldError("valid_to", $"must not be before valid_from {from:yyyy-MM-dd}"));
                }

                decided = decided with { Heading = heading, ValidFrom = from, ValidTo = validTo };
            }

            var outcome = await store.SaveAsync(DocumentKind, decided.Id, decided, 2, 1, null, cancellationToken);
            return outcome == SaveOutcome.Saved
                ? decided
                : throw new ConflictException("CONCURRENT_CHANGE", name, $"{name} was decided by another writer.");
        });

    private Task<ExclusionRecord> WriteAsync(string requestId, string fingerprint, Func<Task<ExclusionRecord>> write) =>
        gate.RunAsync(requestId, fingerprint, name => Task.FromResult(Get(name)), async () =>
        {
            var saved = await write();
            Apply(saved);
            replicas.Publish($"{ChangedTopic}{saved.Id}", handleHere: false);
            return saved;
        });
}
