using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Data;

/// <summary>
/// The Entity List and licences in SQL both providers speak; a provider opens connections,
/// migrates its schema and tells a unique-key violation.
/// </summary>
public abstract class ExportControlStore : IExportControlStore
{
    private const string EntityColumns =
        "id, display_name, country, aliases, listed_on, removed_on, license_requirement, license_policy, federal_register_citation, general_licenses";

    private const string LicenseColumns =
        "id, applicant, entity_id, export_classification, item_description, state, valid_from, valid_to, decision_reason, create_time, decide_time";

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a unique or primary key violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    public async Task<int> CountEntitiesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT count(*) FROM listed_entities", []);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<StoredCreate<ListedEntity>> CreateEntityAsync(ListedEntity entity, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        CreateOnceAsync("listed_entities", EntityColumns, ReadEntity, entity, requestId, fingerprint, async (connection, transaction) =>
        {
            var listing = entity.Listing;
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO listed_entities ({EntityColumns}, request_id, request_fingerprint)
                VALUES (@id, @display_name, @country, @aliases, @listed_on, @removed_on, @requirement, @policy, @citation, @general_licenses, @request, @fingerprint)
                """,
                [
                    ("@id", entity.Id), ("@display_name", listing.DisplayName), ("@country", listing.Country),
                    ("@aliases", JsonSerializer.Serialize(listing.Aliases)), ("@listed_on", Day(listing.ListedOn)), ("@removed_on", Day(listing.RemovedOn)),
                    ("@requirement", listing.LicenseRequirement), ("@policy", (int)listing.LicensePolicy), ("@citation", listing.FederalRegisterCitation),
                    ("@general_licenses", JsonSerializer.Serialize(listing.GeneralLicenses)), .. Request(requestId, fingerprint),
                ], cancellationToken);
            foreach (var key in listing.AllNames().Select(PartyNames.Key).Distinct())
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO listed_entity_names (name_key, entity_id) VALUES (@key, @id)",
                    [("@key", key), ("@id", entity.Id)], cancellationToken);
            }
        }, cancellationToken);

    public async Task<ListedEntity?> GetEntityAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {EntityColumns} FROM listed_entities WHERE id = @id", [("@id", id)], ReadEntity, cancellationToken))
        .SingleOrDefault();

    public Task<IReadOnlyList<ListedEntity>> ListEntitiesAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {EntityColumns} FROM listed_entities
            WHERE seq > coalesce((SELECT seq FROM listed_entities WHERE id = @after), 0)
            ORDER BY seq LIMIT @limit
            """, [("@after", afterId), ("@limit", limit)], ReadEntity, cancellationToken);

    public Task<IReadOnlyList<ListedEntity>> FindEntitiesKnownAsAsync(string nameKey, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {EntityColumns} FROM listed_entities
            WHERE id IN (SELECT entity_id FROM listed_entity_names WHERE name_key = @key)
            ORDER BY seq
            """, [("@key", nameKey)], ReadEntity, cancellationToken);

    public Task<StoredCreate<ExportLicense>> CreateLicenseAsync(ExportLicense license, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        CreateOnceAsync("export_licenses", LicenseColumns, ReadLicense, license, requestId, fingerprint, (connection, transaction) =>
            ExecuteAsync(connection, transaction, $"""
                INSERT INTO export_licenses ({LicenseColumns}, request_id, request_fingerprint)
                VALUES (@id, @applicant, @entity_id, @classification, @item, @state, @valid_from, @valid_to, @reason, @create_time, @decide_time, @request, @fingerprint)
                """,
                [
                    ("@id", license.Id), ("@applicant", license.Application.Applicant), ("@entity_id", license.Application.EntityId),
                    ("@classification", license.Application.ExportClassification), ("@item", license.Application.ItemDescription),
                    .. Decision(license), ("@create_time", Instant(license.CreateTime)), .. Request(requestId, fingerprint),
                ], cancellationToken), cancellationToken);

    public async Task<ExportLicense?> GetLicenseAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {LicenseColumns} FROM export_licenses WHERE id = @id", [("@id", id)], ReadLicense, cancellationToken))
        .SingleOrDefault();

    public Task<IReadOnlyList<ExportLicense>> ListLicensesAsync(string? entityId, string? afterId, int limit, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {LicenseColumns} FROM export_licenses
            WHERE (@entity_id IS NULL OR entity_id = @entity_id)
              AND seq > coalesce((SELECT seq FROM export_licenses WHERE id = @after), 0)
            ORDER BY seq LIMIT @limit
            """, [("@entity_id", entityId), ("@after", afterId), ("@limit", limit)], ReadLicense, cancellationToken);

    public Task<IReadOnlyList<ExportLicense>> ListGrantedLicensesAsync(string entityId, string exportClassification, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {LicenseColumns} FROM export_licenses
            WHERE entity_id = @entity_id AND export_classification = @classification AND state = @granted
            ORDER BY seq
            """, [("@entity_id", entityId), ("@classification", exportClassification), ("@granted", (int)LicenseState.Granted)],
            ReadLicense, cancellationToken);

    public async Task<bool> SaveDecisionAsync(ExportLicense decided, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var updated = await ExecuteAsync(connection, null, """
            UPDATE export_licenses
            SET state = @state, valid_from = @valid_from, valid_to = @valid_to, decision_reason = @reason, decide_time = @decide_time
            WHERE id = @id AND state = @pending
            """, [("@id", decided.Id), ("@pending", (int)LicenseState.Pending), .. Decision(decided)], cancellationToken);
        return updated == 1;
    }

    private async Task<StoredCreate<T>> CreateOnceAsync<T>(
        string table, string columns, Func<DbDataReader, T> read, T resource, string requestId, string fingerprint,
        Func<DbConnection, DbTransaction, Task> insert, CancellationToken cancellationToken)
    {
        if (requestId.Length > 0 && await FindCreatedAsync(table, columns, read, requestId, cancellationToken) is { } created)
        {
            return created;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await insert(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex) when (requestId.Length > 0 && IsUniqueViolation(ex))
        {
            // A replay of the same request_id inserted first: the unique request_id lets only one in.
            await transaction.RollbackAsync(cancellationToken);
            if (await FindCreatedAsync(table, columns, read, requestId, cancellationToken) is { } replayed)
            {
                return replayed;
            }

            throw;
        }

        return new StoredCreate<T>(resource, fingerprint);
    }

    private async Task<StoredCreate<T>?> FindCreatedAsync<T>(
        string table, string columns, Func<DbDataReader, T> read, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var lookup = Sql.Command(connection, null,
            $"SELECT {columns}, request_fingerprint FROM {table} WHERE request_id = @request", ("@request", requestId));
        await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredCreate<T>(read(reader), reader.GetString(reader.FieldCount - 1)) : null;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (string, object?)[] Request(string requestId, string fingerprint) =>
        requestId.Length > 0 ? [("@request", requestId), ("@fingerprint", fingerprint)] : [("@request", null), ("@fingerprint", null)];

    private static (string, object?)[] Decision(ExportLicense license) =>
    [
        ("@state", (int)license.State), ("@valid_from", Day(license.Validity?.From)), ("@valid_to", Day(license.Validity?.To)),
        ("@reason", license.DecisionReason), ("@decide_time", license.DecideTime is { } time ? Instant(time) : null),
    ];

    private static ListedEntity ReadEntity(DbDataReader reader) => new(
        reader.GetString(0),
        new EntityListing(
            reader.GetString(1),
            reader.GetString(2),
            JsonSerializer.Deserialize<string[]>(reader.GetString(3))!,
            ReadDay(reader, 4)!.Value,
            ReadDay(reader, 5),
            reader.GetString(6),
            (LicensePolicy)reader.GetInt32(7),
            reader.GetString(8),
            JsonSerializer.Deserialize<GeneralLicense[]>(reader.GetString(9))!));

    private static ExportLicense ReadLicense(DbDataReader reader) => new(
        reader.GetString(0),
        new LicenseApplication(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)),
        (LicenseState)reader.GetInt32(5),
        ReadDay(reader, 6) is { } from && ReadDay(reader, 7) is { } to ? new DateWindow(from, to) : null,
        reader.GetString(8),
        DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
        reader.IsDBNull(10) ? null : DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture));

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ReadDay(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
