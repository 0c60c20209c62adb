using Google.Api;
using Google.Protobuf.Reflection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Architecture.Tests;

/// <summary>
/// The contracts say what they mean in their annotations, so that generated clients, linters and
/// readers need no prose: each is checked on the compiled descriptors, and each failure lists
/// every offender.
/// </summary>
public sealed class ContractTests
{
    private static readonly ServiceDescriptor[] Services =
        [TariffService.Descriptor, MeasureService.Descriptor, ExportControlService.Descriptor, NegotiationService.Descriptor, Audit.V1.AuditService.Descriptor];

    // Mutations that are safe to repeat without a request_id: a second ImportTariffData of the same
    // file leaves the schedule as it is, and a second ImplementConcession sends nothing more.
    private static readonly HashSet<string> NaturallyIdempotent = ["ImportTariffData", "ImplementConcession"];

    private static readonly string[] ReadPrefixes = ["Get", "List", "Watch", "Check", "Quote", "Lookup", "Compare"];

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

    private static IEnumerable<FileDescriptor> Closure(FileDescriptor file) => file.Dependencies.SelectMany(Closure).Prepend(file);

    private static IEnumerable<MessageDescriptor> Nested(MessageDescriptor message) => message.NestedTypes.SelectMany(Nested).Prepend(message);

    private static IReadOnlyCollection<FieldBehavior> Behaviors(FieldDescriptor field) =>
        field.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior) is { } behaviors ? [.. behaviors] : [];

    private static ResourceDescriptor? Resource(MessageDescriptor message) => message.GetOptions()?.GetExtension(ResourceExtensions.Resource);

    private static string? Pattern(FieldDescriptor field)
    {
        var rules = field.GetOptions()?.GetExtension(Buf.Validate.ValidateExtensions.Field);
        return rules?.String?.Pattern is { Length: > 0 } own ? own : rules?.Repeated?.Items?.String?.Pattern;
    }
}
