using Sylvan.Data.Csv;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// The records of a comma-separated file with a header row (RFC 4180: quoted fields, doubled
/// quotes, line breaks inside quotes), read with Sylvan.Data.Csv. Fields are found by column name,
/// ignoring case and blanks around it; a field a short row lacks reads as empty; blank lines are
/// passed over. A file that lacks a column named in <see cref="Open"/>, or is not well formed,
/// is a <see cref="FormatException"/>.
/// </summary>
internal sealed class CsvRows : IDisposable
{
    private readonly CsvDataReader reader;
    private readonly Dictionary<string, int> columns;

    private CsvRows(CsvDataReader reader)
    {
        this.reader = reader;
        columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => (Name: reader.GetName(i).Trim(), Index: i))
            .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The number of the current record's line, counting the header as line 1 and a record as one line.</summary>
    public int Line { get; private set; } = 1;

    public static CsvRows Open(TextReader text, params string[] required)
    {
        CsvRows rows;
        try
        {
            rows = new CsvRows(CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true }));
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"The header is not well formed: {ex.Message}", ex);
        }

        var missing = required.Where(c => !rows.columns.ContainsKey(c)).ToArray();
        return missing.Length == 0
            ? rows
            : throw new FormatException($"The file lacks the column(s) {string.Join(", ", missing)}.");
    }

    /// <summary>Moves to the next record that is not a blank line; false at the end.</summary>
    public bool Read()
    {
        try
        {
            while (reader.Read())
            {
                Line++;
                if (reader.RowFieldCount > 1 || reader.GetString(0).Length > 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"Line {Line + 1} is not well formed: {ex.Message}", ex);
        }
    }

    public string this[string column] => columns[column] is var index && index < reader.RowFieldCount ? reader.GetString(index) : "";

    /// <summary>The field of a column the file may lack (a year's file without it); empty when it does.</summary>
    public string Optional(string column) => columns.ContainsKey(column) ? this[column] : "";

    public void Dispose() => reader.Dispose();
}
