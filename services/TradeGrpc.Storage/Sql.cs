using System.Data.Common;

namespace TradeGrpc.Storage;

/// <summary>Commands in the SQL the SQLite and PostgreSQL providers share.</summary>
public static class Sql
{
    /// <summary>A command on <paramref name="connection"/> with @name parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
