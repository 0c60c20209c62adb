using System.Text;

namespace TradeGrpc.Tariff.Import;

/// <summary>Reads RFC 4180 comma-separated records: quoted fields, doubled quotes, line breaks inside quotes.</summary>
public sealed class CsvReader(TextReader reader)
{
    private readonly StringBuilder field = new();

    /// <summary>The next record's fields, or null at the end of the input.</summary>
    public List<string>? ReadRecord()
    {
        var next = reader.Peek();
        if (next < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var quoted = false;
        field.Clear();
        while (true)
        {
            var c = reader.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    throw new FormatException("The input ends inside a quoted field.");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n' or -1:
                    fields.Add(field.ToString());
                    return fields;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
