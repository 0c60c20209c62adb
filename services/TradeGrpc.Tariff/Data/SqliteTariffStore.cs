using System.Globalization;
using Microsoft.Data.Sqlite;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;

namespace TradeGrpc.Tariff.Data;

public sealed class SqliteTariffStore(SqliteDatabase database, ILogger<SqliteTariffStore> logger) : ITariffStore
{
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.Sqlite", logger, cancellationToken);

    public Task<int> CountTariffLinesAsync(CancellationToken cancellationToken) => CountAsync("tariff_lines", cancellationToken);

    public Task<int> CountChinaRatesAsync(CancellationToken cancellationToken) => CountAsync("china_applied_rates", cancellationToken);

    public Task ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken) =>
        ReplaceAllAsync("china_applied_rates", ["hs6", "valid_from", "percent"], rates,
            rate => [rate.Hs6, Iso(rate.From), rate.Percent.ToString(CultureInfo.InvariantCulture)], cancellationToken);

    public async Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT hs6, valid_from, percent FROM china_applied_rates";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rates = new List<ChinaAppliedRate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rates.Add(new ChinaAppliedRate(reader.GetString(0), ParseIso(reader.GetString(1)), decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        }

        return rates;
    }

    /// <summary>Replaces every row of <paramref name="table"/> with <paramref name="rows"/> in one transaction.</summary>
    private async Task ReplaceAllAsync<T>(string table, string[] columns, IEnumerable<T> rows, Func<T, string[]> values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = $"DELETE FROM {table}";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
        foreach (var row in rows)
        {
            var rowValues = values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = rowValues[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<int> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken) =>
        ReplaceAllAsync("tariff_lines",
            ["hts8", "valid_from", "valid_to", "description", "mfn_rate_text", "column2_rate_text", "quantity1_unit", "quantity2_unit"],
            lines,
            line => [line.Hts8, Iso(line.ValidFrom), Iso(line.ValidTo), line.Description, line.MfnRateText, line.Column2RateText, line.Quantity1Unit, line.Quantity2Unit],
            cancellationToken);

    public async Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT hts8, description, mfn_rate_text, column2_rate_text, quantity1_unit, quantity2_unit, valid_from, valid_to
            FROM tariff_lines
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<TariffLineRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new TariffLineRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5),
                ParseIso(reader.GetString(6)),
                ParseIso(reader.GetString(7))));
        }

        return lines;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseIso(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
