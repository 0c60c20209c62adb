using System.Data.Common;
using System.Globalization;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;

namespace TradeGrpc.Tariff.Data;

/// <summary>
/// The tariff book in SQL both providers speak; a provider opens connections and migrates its schema.
/// A bulk replace runs in one transaction and counts itself in the documents' revisions.
/// </summary>
public abstract class TariffStore : ITariffStore
{
    /// <summary>The document kind whose version counts the schedule's replacements.</summary>
    public const string ScheduleRevisionKind = "tariff_lines";

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public Task<int> CountTariffLinesAsync(CancellationToken cancellationToken) => CountAsync("tariff_lines", cancellationToken);

    public Task<int> CountChinaRatesAsync(CancellationToken cancellationToken) => CountAsync("china_applied_rates", cancellationToken);

    public Task<long> ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken) =>
        ReplaceAllAsync("china_applied_rates", ["hs6", "valid_from", "percent"], rates,
            rate => [rate.Hs6, Iso(rate.From), rate.Percent.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    public Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken) =>
        LoadAllAsync("SELECT hs6, valid_from, percent FROM china_applied_rates",
            reader => new ChinaAppliedRate(reader.GetString(0), ParseIso(reader.GetString(1)), decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture)),
            cancellationToken);

    public Task<long> ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
        ReplaceAllAsync("tariff_lines",
            ["hts8", "valid_from", "valid_to", "description", "mfn_rate_text", "column2_rate_text", "quantity1_unit", "quantity2_unit"],
            lines,
            line => [line.Hts8, Iso(line.ValidFrom), Iso(line.ValidTo), line.Description, line.MfnRateText, line.Column2RateText, line.Quantity1Unit, line.Quantity2Unit],
            cancellationToken);

    public Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken) =>
        LoadAllAsync("""
            SELECT hts8, description, mfn_rate_text, column2_rate_text, quantity1_unit, quantity2_unit, valid_from, valid_to
            FROM tariff_lines
            """,
            reader => new TariffLineRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5),
                ParseIso(reader.GetString(6)),
                ParseIso(reader.GetString(7))),
            cancellationToken);

    /// <summary>Replaces every row of <paramref name="table"/> with <paramref name="rows"/> in one transaction; returns the table's replacements so far.</summary>
    private async Task<long> ReplaceAllAsync<T>(string table, string[] columns, IEnumerable<T> rows, Func<T, string[]> values, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = Sql.Command(connection, transaction, $"DELETE FROM {table}"))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertAllAsync(connection, transaction, table, columns, rows.Select(values), cancellationToken);
        // A document per table whose version counts the replacements: other replicas see it in the store's revisions.
        long revision;
        await using (var revise = Sql.Command(connection, transaction, """
            INSERT INTO documents (kind, id, body, version) VALUES (@table, @table, '{}', 1)
            ON CONFLICT (kind, id) DO UPDATE SET version = documents.version + 1
            RETURNING version
            """, ("@table", table)))
        {
            revision = Convert.ToInt64(await revise.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    /// <summary>Inserts <paramref name="rows"/> into <paramref name="table"/> with one prepared insert; a provider may load them faster.</summary>
    protected virtual async Task InsertAllAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = Sql.Command(connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            [.. columns.Select((_, i) => ($"@p{i}", (object?)""))]);
        await insert.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters[i].Value = row[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<T>> LoadAllAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<int> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"SELECT count(*) FROM {table}");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseIso(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
