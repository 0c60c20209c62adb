using System.Globalization;
using Microsoft.Data.Sqlite;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;

namespace TradeGrpc.Tariff.Data;

public sealed class SqliteTariffStore(SqliteDatabase database, ILogger<SqliteTariffStore> logger) : ITariffStore
{
    private static readonly string[] LineParameters = ["$hts8", "$from", "$to", "$description", "$mfn", "$col2", "$q1", "$q2"];

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.Sqlite", logger, cancellationToken);

    public Task<int> CountTariffLinesAsync(CancellationToken cancellationToken) => CountAsync("tariff_lines", cancellationToken);

    public Task<int> CountChinaRatesAsync(CancellationToken cancellationToken) => CountAsync("china_applied_rates", cancellationToken);

    public async Task ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM china_applied_rates";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO china_applied_rates (hs6, valid_from, percent) VALUES ($hs6, $from, $percent)";
        var hs6 = insert.Parameters.Add("$hs6", SqliteType.Text);
        var from = insert.Parameters.Add("$from", SqliteType.Text);
        var percent = insert.Parameters.Add("$percent", SqliteType.Text);
        foreach (var rate in rates)
        {
            hs6.Value = rate.Hs6;
            from.Value = Iso(rate.From);
            percent.Value = rate.Percent.ToString(CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

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

    private async Task<int> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM tariff_lines";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO tariff_lines (hts8, valid_from, valid_to, description, mfn_rate_text, column2_rate_text, quantity1_unit, quantity2_unit)
            VALUES ($hts8, $from, $to, $description, $mfn, $col2, $q1, $q2)
            """;
        var parameters = LineParameters
            .Select(name => insert.Parameters.Add(name, SqliteType.Text))
            .ToArray();
        foreach (var line in lines)
        {
            parameters[0].Value = line.Hts8;
            parameters[1].Value = Iso(line.ValidFrom);
            parameters[2].Value = Iso(line.ValidTo);
            parameters[3].Value = line.Description;
            parameters[4].Value = line.MfnRateText;
            parameters[5].Value = line.Column2RateText;
            parameters[6].Value = line.Quantity1Unit;
            parameters[7].Value = line.Quantity2Unit;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

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
