using System.Globalization;
using Microsoft.Data.Sqlite;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Data;

public sealed class SqliteTariffStore(SqliteDatabase database, ILogger<SqliteTariffStore> logger) : ITariffStore
{
    private static readonly string[] LineParameters = ["$hts8", "$from", "$to", "$description", "$mfn", "$col2", "$q1", "$q2"];

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.Sqlite", logger, cancellationToken);

    public async Task<int> CountTariffLinesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tariff_lines";
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
                DateOnly.ParseExact(reader.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(reader.GetString(7), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return lines;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
