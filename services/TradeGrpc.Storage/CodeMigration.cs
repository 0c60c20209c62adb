using System.Data;
using DbUp.Engine;

namespace TradeGrpc.Storage;

/// <summary>
/// A migration that reads and rewrites data, which SQL alone cannot do the same on both providers.
/// A class of the service assembly in the migrations' namespace; <see cref="Name"/> orders it among
/// the SQL scripts (<c>0004_talks_rows</c>). It runs in the migration's transaction, on commands
/// from the factory it is given.
/// </summary>
public abstract class CodeMigration(string name) : IScript
{
    public string Name { get; } = name;

    /// <summary>Applies the migration; returns SQL to run after it, or an empty string.</summary>
    public abstract string ProvideScript(Func<IDbCommand> dbCommandFactory);

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> (a null value is SQL NULL) on a command from <paramref name="commands"/>.</summary>
    protected static void Execute(Func<IDbCommand> commands, string sql, (string Name, object? Value)[] parameters)
    {
        using var command = commands();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }
}
