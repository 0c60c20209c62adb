using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradeGrpc.Commands;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Data;

/// <summary>
/// The tariff book in SQL both providers speak. Measures, exclusions, filed entries and what they
/// used of each allowance are JSON documents with a version (a measure is one aggregate with its
/// scope); the schedule and China's rates are tables
/// replaced whole, each counting its replacements in a document of its own, so that the sum of
/// each kind's versions is a revision other replicas can compare.
/// </summary>
public sealed class BookStore(Database database) : IBookStore
{
    public const string MeasureKind = "measure";
    public const string ExclusionKind = "exclusion";
    public const string ScheduleKind = "tariff_lines";
    public const string UseKind = "allowance_use";
    public const string EntryKind = "entry";

    /// <summary>The form of the documents: the domain's records, camelCase, enums by name.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<IBookTransaction> BeginAsync(CancellationToken cancellationToken) => BookTransaction.BeginAsync(database, cancellationToken);

    public Task<RecordedRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken) => database.FindRequestAsync(requestId, cancellationToken);

    public async Task<BookRevisions> RevisionsAsync(CancellationToken cancellationToken)
    {
        var revisions = (await database.QueryAsync<(string Kind, long Revision)>("SELECT kind, CAST(SUM(version) AS BIGINT) FROM documents GROUP BY kind", null, cancellationToken))
            .ToDictionary(r => r.Kind, r => r.Revision);
        return new BookRevisions(revisions.GetValueOrDefault(ScheduleKind), revisions.GetValueOrDefault(MeasureKind), revisions.GetValueOrDefault(ExclusionKind),
            revisions.GetValueOrDefault(UseKind));
    }

    public async Task<(bool Schedule, bool ChinaRates, bool Measures)> LoadedAsync(CancellationToken cancellationToken) =>
        (await AnyAsync("SELECT count(*) FROM tariff_lines", cancellationToken),
         await AnyAsync("SELECT count(*) FROM china_applied_rates", cancellationToken),
         await AnyAsync($"SELECT count(*) FROM documents WHERE kind = '{MeasureKind}'", cancellationToken));

    public async Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<TariffLineRow>("""
            SELECT hts8, description, mfn_rate_text, column2_rate_text, special_rate_text, quantity1_unit, quantity2_unit, valid_from, valid_to FROM tariff_lines
            """, null, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<ChinaRateRow>("SELECT hs6, valid_from, percent FROM china_applied_rates", null, cancellationToken))
            .Select(r => new ChinaAppliedRate(r.Hs6, r.ValidFrom, r.Percent))];

    public Task<IReadOnlyList<MeasureRecord>> LoadMeasuresAsync(CancellationToken cancellationToken) => LoadAllAsync<MeasureRecord>(MeasureKind, cancellationToken);

    public Task<MeasureRecord?> GetMeasureAsync(string id, CancellationToken cancellationToken) => GetAsync<MeasureRecord>(MeasureKind, id, cancellationToken);

    public Task<IReadOnlyList<ExclusionRecord>> LoadExclusionsAsync(CancellationToken cancellationToken) => LoadAllAsync<ExclusionRecord>(ExclusionKind, cancellationToken);

    public Task<ExclusionRecord?> GetExclusionAsync(string id, CancellationToken cancellationToken) => GetAsync<ExclusionRecord>(ExclusionKind, id, cancellationToken);

    public Task<IReadOnlyList<AllowanceUse>> LoadUsesAsync(CancellationToken cancellationToken) => LoadAllAsync<AllowanceUse>(UseKind, cancellationToken);

    public Task<EntryRecord?> GetEntryAsync(string id, CancellationToken cancellationToken) => GetAsync<EntryRecord>(EntryKind, id, cancellationToken);

    private async Task<bool> AnyAsync(string countSql, CancellationToken cancellationToken) =>
        await database.FirstOrDefaultAsync<long>(countSql, null, cancellationToken) > 0;

    private sealed class TariffLineRow
    {
        public string Hts8 { get; init; } = "";
        public string Description { get; init; } = "";
        public string MfnRateText { get; init; } = "";
        public string Column2RateText { get; init; } = "";
        public string SpecialRateText { get; init; } = "";
        public string Quantity1Unit { get; init; } = "";
        public string Quantity2Unit { get; init; } = "";
        public DateOnly ValidFrom { get; init; }
        public DateOnly ValidTo { get; init; }

        public TariffLineRecord ToDomain() => new(Hts8, Description, MfnRateText, Column2RateText, Quantity1Unit, Quantity2Unit, ValidFrom, ValidTo)
        {
            SpecialRateText = SpecialRateText,
        };
    }

    private sealed class ChinaRateRow
    {
        public string Hs6 { get; init; } = "";
        public DateOnly ValidFrom { get; init; }
        public decimal Percent { get; init; }
    }

    private async Task<IReadOnlyList<T>> LoadAllAsync<T>(string kind, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<string>("SELECT body FROM documents WHERE kind = @kind ORDER BY seq", new { kind }, cancellationToken))
            .Select(body => JsonSerializer.Deserialize<T>(body, Json)!)];

    private async Task<T?> GetAsync<T>(string kind, string id, CancellationToken cancellationToken)
        where T : class =>
        await database.FirstOrDefaultAsync<string>("SELECT body FROM documents WHERE kind = @kind AND id = @id", new { kind, id }, cancellationToken) is { } body
            ? JsonSerializer.Deserialize<T>(body, Json)
            : null;
}

/// <summary>A write transaction on the tariff book; a document it reads by id is locked (PostgreSQL) or under the store's write lock (SQLite).</summary>
internal sealed class BookTransaction : StoreTransaction, IBookTransaction
{
    private BookTransaction(Database database, DbConnection connection, DbTransaction transaction) : base(database, connection, transaction)
    {
    }

    public static async Task<IBookTransaction> BeginAsync(Database database, CancellationToken cancellationToken) =>
        await BeginAsync(database, (connection, transaction) => new BookTransaction(database, connection, transaction), cancellationToken);

    public Task<MeasureRecord?> LockMeasureAsync(string id, CancellationToken cancellationToken) => LockAsync<MeasureRecord>(BookStore.MeasureKind, id, cancellationToken);

    public async Task<bool> InsertAsync(MeasureRecord measure, CancellationToken cancellationToken) =>
        await InsertAsync(BookStore.MeasureKind, measure.Id, measure, measure.Version, cancellationToken) == 1;

    public Task SaveAsync(MeasureRecord measure, CancellationToken cancellationToken) =>
        UpdateAsync(BookStore.MeasureKind, measure.Id, measure, measure.Version, cancellationToken);

    public Task<ExclusionRecord?> LockExclusionAsync(string id, CancellationToken cancellationToken) => LockAsync<ExclusionRecord>(BookStore.ExclusionKind, id, cancellationToken);

    public Task InsertAsync(ExclusionRecord exclusion, CancellationToken cancellationToken) =>
        InsertAsync(BookStore.ExclusionKind, exclusion.Id, exclusion, 1, cancellationToken);

    public Task SaveAsync(ExclusionRecord exclusion, CancellationToken cancellationToken) =>
        UpdateAsync(BookStore.ExclusionKind, exclusion.Id, exclusion, 2, cancellationToken);

    public async Task<AllowanceUses> LockUsesAsync(IReadOnlyList<(string Key, string Unit)> allowances, CancellationToken cancellationToken)
    {
        var uses = new List<AllowanceUse>(allowances.Count);
        // In one order for every writer, so that two entries drawing on the same two cannot deadlock.
        foreach (var (key, unit) in allowances.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            // A row to lock even for the first use: PostgreSQL locks no row that is not there, and a
            // second writer's insert waits for the first's commit and then does nothing.
            await InsertAsync(BookStore.UseKind, key, new AllowanceUse(key, unit, 0m, 0), 0, cancellationToken);
            uses.Add((await LockAsync<AllowanceUse>(BookStore.UseKind, key, cancellationToken))!);
        }

        return new AllowanceUses(uses);
    }

    public Task SaveAsync(AllowanceUse use, CancellationToken cancellationToken) => UpdateAsync(BookStore.UseKind, use.Key, use, use.Version, cancellationToken);

    public Task InsertAsync(EntryRecord entry, CancellationToken cancellationToken) => InsertAsync(BookStore.EntryKind, entry.Id, entry, 1, cancellationToken);

    public Task<long> ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
        ReplaceAllAsync("tariff_lines",
            ["hts8", "valid_from", "valid_to", "description", "mfn_rate_text", "column2_rate_text", "special_rate_text", "quantity1_unit", "quantity2_unit"],
            lines.Select(line => new[]
            {
                line.Hts8, DapperTypes.Day(line.ValidFrom), DapperTypes.Day(line.ValidTo), line.Description, line.MfnRateText, line.Column2RateText,
                line.SpecialRateText, line.Quantity1Unit, line.Quantity2Unit,
            }), cancellationToken);

    public Task<int> FillSpecialRatesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE tariff_lines SET special_rate_text = @SpecialRateText
            WHERE hts8 = @Hts8 AND valid_from = @ValidFrom AND mfn_rate_text = @MfnRateText AND special_rate_text = ''
            """,
            lines.Where(line => line.SpecialRateText.Length > 0)
                .Select(line => new { line.SpecialRateText, line.Hts8, ValidFrom = DapperTypes.Day(line.ValidFrom), line.MfnRateText }),
            cancellationToken);

    public Task ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken) =>
        ReplaceAllAsync("china_applied_rates", ["hs6", "valid_from", "percent"],
            rates.Select(rate => new[] { rate.Hs6, DapperTypes.Day(rate.From), rate.Percent.ToString(CultureInfo.InvariantCulture) }), cancellationToken);

    private async Task<T?> LockAsync<T>(string kind, string id, CancellationToken cancellationToken)
        where T : class =>
        await FirstOrDefaultAsync<string>($"SELECT body FROM documents WHERE kind = @kind AND id = @id {Database.LockRows}", new { kind, id }, cancellationToken) is { } body
            ? JsonSerializer.Deserialize<T>(body, BookStore.Json)
            : null;

    private Task<int> InsertAsync<T>(string kind, string id, T document, long version, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO documents (kind, id, body, version) VALUES (@kind, @id, @body, @version) ON CONFLICT DO NOTHING",
            new { kind, id, body = JsonSerializer.Serialize(document, BookStore.Json), version }, cancellationToken);

    private Task<int> UpdateAsync<T>(string kind, string id, T document, long version, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE documents SET body = @body, version = @version WHERE kind = @kind AND id = @id",
            new { kind, id, body = JsonSerializer.Serialize(document, BookStore.Json), version }, cancellationToken);

    /// <summary>Replaces every row of <paramref name="table"/>; returns the table's replacements so far, counted in a document of its own.</summary>
    private async Task<long> ReplaceAllAsync(string table, IReadOnlyList<string> columns, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"DELETE FROM {table}", null, cancellationToken);
        await BulkInsertAsync(table, columns, rows, cancellationToken);
        return await ScalarAsync<long>("""
            INSERT INTO documents (kind, id, body, version) VALUES (@table, @table, '{}', 1)
            ON CONFLICT (kind, id) DO UPDATE SET version = documents.version + 1
            RETURNING version
            """, new { table }, cancellationToken);
    }
}
