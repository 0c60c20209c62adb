using Google.Api;
using Google.Protobuf.Reflection;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Architecture.Tests;

/// <summary>
/// The contracts say what they mean in their annotations, so that generated clients, linters and
/// readers need no prose: each is checked on the compiled descriptors, and each failure lists
/// every offender.
/// </summary>
public sealed partial class ContractTests
{
    private static readonly ServiceDescriptor[] Services =
        [TariffService.Descriptor, MeasureService.Descriptor, ExportControlService.Descriptor, NegotiationService.Descriptor, Audit.V1.AuditService.Descriptor,
        DiagnosticsService.Descriptor];

    // Mutations that are safe to repeat without a request_id: a second ImportTariffData of the same
    // file leaves the schedule as it is, and a second ImplementConcession sends nothing more.
    private static readonly HashSet<string> NaturallyIdempotent = ["ImportTariffData", "ImplementConcession"];

    // Ping changes nothing: it only answers.
    private static readonly string[] ReadPrefixes = ["Get", "List", "Watch", "Check", "Quote", "Lookup", "Compare", "Ping"];

    private static IEnumerable<FileDescriptor> Files => Services
        .SelectMany(s => Closure(s.File))
        .Where(f => f.Package.StartsWith("trade.", StringComparison.Ordinal))
        .DistinctBy(f => f.Name);

    private static IEnumerable<MessageDescriptor> Messages => Files.SelectMany(f => f.MessageTypes.SelectMany(Nested));

    private static IEnumerable<FieldDescriptor> Fields => Messages.SelectMany(m => m.Fields.InDeclarationOrder());

    [Fact]
    public void EveryField_SaysItsBehavior() =>
        Assert.Empty(Fields.Where(f => Behaviors(f).Count == 0).Select(f => f.FullName));

    [Fact]
    public void EveryResource_IsNamedByAnIdentifierField() =>
        Assert.Empty(Messages.Where(m => Resource(m) is not null)
            .Where(m => m.FindFieldByName("name") is not { } name || !Behaviors(name).Contains(FieldBehavior.Identifier))
            .Select(m => m.FullName));

    [Fact]
    public void EveryFieldHoldingAResourceName_SaysWhichResource()
    {
        // A resource name field is one whose rule names a collection: `^measures/...`, `^(entities/...)?$`.
        var collections = Messages.Select(Resource).OfType<ResourceDescriptor>().Select(r => r.Pattern[0].Split('/')[0] + "/").ToArray();
        var names = Fields.Where(f => f.FieldType == FieldType.String && !Behaviors(f).Contains(FieldBehavior.Identifier)
            && Pattern(f) is { } pattern && collections.Any(c => pattern.StartsWith($"^{c}", StringComparison.Ordinal) || pattern.StartsWith($"^({c}", StringComparison.Ordinal)));

        Assert.NotEmpty(names);
        Assert.Empty(names.Where(f => f.GetOptions()?.GetExtension(ResourceExtensions.ResourceReference) is null).Select(f => f.FullName));
    }

    [Fact]
    public void EveryResourceThatIsListed_HasAGet()
    {
        var methods = Services.SelectMany(s => s.Methods).ToArray();
        var listed = methods.Where(m => m.Name.StartsWith("List", StringComparison.Ordinal))
            .SelectMany(m => m.OutputType.Fields.InDeclarationOrder().Where(f => f.IsRepeated && f.FieldType == FieldType.Message).Select(f => f.MessageType))
            .Where(t => Resource(t) is not null);

        Assert.Empty(listed.Where(t => !methods.Any(m => m.Name == $"Get{t.Name}" && m.OutputType == t)).Select(t => t.FullName));
    }

    [Fact]
    public void EveryMutationThatIsNotNaturallyIdempotent_TakesARequestId()
    {
        var mutations = Services.SelectMany(s => s.Methods)
            .Where(m => !ReadPrefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)) && !NaturallyIdempotent.Contains(m.Name));

        Assert.Empty(mutations.Where(m => m.InputType.FindFieldByName("request_id") is null).Select(m => m.FullName));
    }

    [Fact]
    public void EveryList_PagesWithSizeAndToken() =>
        Assert.Empty(Services.SelectMany(s => s.Methods).Where(m => m.Name.StartsWith("List", StringComparison.Ordinal))
            .Where(m => m.InputType.FindFieldByName("page_size") is null || m.InputType.FindFieldByName("page_token") is null
                || m.OutputType.FindFieldByName("next_page_token") is null)
            .Select(m => m.FullName));

    [Fact]
    public void StatesAndDates_AreNamedOneWay() =>
        Assert.Empty(Fields.Where(f => f.Name == "status" || f.Name.EndsWith("_status", StringComparison.Ordinal)
                || (f.FieldType == FieldType.Message && f.MessageType.FullName == "google.type.Date" && !f.Name.EndsWith("_date", StringComparison.Ordinal)))
            .Select(f => f.FullName));

    [Fact]
    public void EveryRequestField_IsBounded()
    {
        var unbounded = Services.SelectMany(s => s.Methods).Select(m => m.InputType).SelectMany(Reached).Distinct()
            .SelectMany(m => m.Fields.InDeclarationOrder())
            .Where(f => !Behaviors(f).Contains(FieldBehavior.OutputOnly) && !IsBounded(f))
            .Select(f => f.FullName).ToList();

        // Every offender, not the first few that Assert.Empty would show.
        Assert.True(unbounded.Count == 0, $"Without a bound: {string.Join(", ", unbounded)}");
    }

    private static IEnumerable<FileDescriptor> Closure(FileDescriptor file) => file.Dependencies.SelectMany(Closure).Prepend(file);

    private static IEnumerable<MessageDescriptor> Nested(MessageDescriptor message) => message.NestedTypes.SelectMany(Nested).Prepend(message);

    private static IReadOnlyCollection<FieldBehavior> Behaviors(FieldDescriptor field) =>
        field.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior) is { } behaviors ? [.. behaviors] : [];

    /// <summary>The project's message types a request holds, the request's own included; well-known and google.type messages are bounded by their own types.</summary>
    private static IEnumerable<MessageDescriptor> Reached(MessageDescriptor request)
    {
        var seen = new HashSet<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>([request]);
        while (pending.TryPop(out var message))
        {
            if (message.File.Package.StartsWith("trade.", StringComparison.Ordinal) && seen.Add(message))
            {
                foreach (var field in message.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message && !Behaviors(f).Contains(FieldBehavior.OutputOnly)))
                {
                    pending.Push(field.IsMap ? field.MessageType.FindFieldByNumber(2).MessageType ?? field.MessageType : field.MessageType);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// A string or bytes field has a length limit, or a pattern without an open-ended repeat; a
    /// repeated field or map a count limit and bounded items; a number a floor and a ceiling (a
    /// page_size only a floor: a larger one is taken as the largest page, as AIP-158 asks); an
    /// enum only its defined values; an amount or a decimal number a range rule. Other message
    /// fields are bounded by their own fields.
    /// </summary>
    private static bool IsBounded(FieldDescriptor field)
    {
        var rules = field.GetOptions()?.GetExtension(Buf.Validate.ValidateExtensions.Field);
        if (field.IsMap)
        {
            return rules?.Map is { HasMaxPairs: true } map && IsBoundedValue(field.MessageType.FindFieldByNumber(1), map.Keys)
                && IsBoundedValue(field.MessageType.FindFieldByNumber(2), map.Values);
        }

        if (field.IsRepeated)
        {
            return rules?.Repeated is { HasMaxItems: true } repeated && IsBoundedValue(field, repeated.Items);
        }

        return IsBoundedValue(field, rules) || (field.Name == "page_size" && rules?.Int32 is { HasGte: true });
    }

    private static bool IsBoundedValue(FieldDescriptor field, Buf.Validate.FieldRules? rules) => field.FieldType switch
    {
        // Amounts and decimal numbers carry the contract's range rules (money.usd_amount, decimal.percent, ...).
        FieldType.Message when field.MessageType.FullName == "google.type.Money" => rules?.Cel.Any(r => r.Id == "money.usd_amount") == true,
        FieldType.Message when field.MessageType.FullName == "google.type.Decimal" => rules?.Cel.Any(r => r.Id.StartsWith("decimal.", StringComparison.Ordinal)) == true,
        FieldType.Message or FieldType.Bool => true,
        FieldType.String => rules?.String is { } text && (text.HasMaxLen || text.HasMaxBytes || text.HasLen || text.HasConst || text.In.Count > 0
            || text.Uuid || (text.HasPattern && !OpenEndedRepeat().IsMatch(text.Pattern))),
        FieldType.Bytes => rules?.Bytes is { } bytes && (bytes.HasMaxLen || bytes.HasLen || bytes.HasConst),
        FieldType.Enum => rules?.Enum is { } values && (values.DefinedOnly || values.In.Count > 0),
        FieldType.Int32 => rules?.Int32 is { } n && n.GreaterThanCase != 0 && n.LessThanCase != 0,
        FieldType.Int64 => rules?.Int64 is { } n && n.GreaterThanCase != 0 && n.LessThanCase != 0,
        // Any other kind (double, uint64, ...) has no bound this test knows: teach it one before using the kind in a request.
        _ => false,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"[*+]|\{[0-9]+,\}")]
    private static partial System.Text.RegularExpressions.Regex OpenEndedRepeat();

    private static ResourceDescriptor? Resource(MessageDescriptor message) => message.GetOptions()?.GetExtension(ResourceExtensions.Resource);

    private static string? Pattern(FieldDescriptor field)
    {
        var rules = field.GetOptions()?.GetExtension(Buf.Validate.ValidateExtensions.Field);
        return rules?.String?.Pattern is { Length: > 0 } own ? own : rules?.Repeated?.Items?.String?.Pattern;
    }
}
