using System.Text;

namespace LearningBot.People;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated fields, CRLF or LF line ends, fields in double quotes may hold commas,
/// line breaks and doubled quotes (<c>""</c>). Blank lines are skipped, since people edit the file by hand.
/// </summary>
public static class CsvReader
{
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        return parser.ReadAll();
    }

    private sealed class Parser(string text)
    {
        private readonly StringBuilder _field = new();
        private readonly List<CsvRecord> _records = [];
        private List<string> _fields = [];
        private int _position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        private int _line = 1;
        private int _recordLine = 1;

        public IReadOnlyList<CsvRecord> ReadAll()
        {
            while (_position < text.Length)
            {
                ReadField();
                if (_position >= text.Length)
                {
                    EndRecord();
                }
                else if (text[_position] == ',')
                {
                    _position++;
                    if (_position == text.Length)
                    {
                        _fields.Add(string.Empty);
                        EndRecord();
                    }
                }
                else
                {
                    SkipLineBreak();
                    EndRecord();
                    _line++;
                    _recordLine = _line;
                }
            }

            return _records;
        }

        private void ReadField()
        {
            _field.Clear();
            if (text[_position] == '"')
            {
                ReadQuotedField();
            }
            else
            {
                while (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
                {
                    if (text[_position] == '"')
                    {
                        throw new FormatException($"Line {_line}: a double quote can only appear inside a field that starts with a double quote.");
                    }

                    _field.Append(text[_position++]);
                }
            }

            _fields.Add(_field.ToString());
        }

        private void ReadQuotedField()
        {
            var openedOn = _line;
            _position++;
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw new FormatException($"Line {openedOn}: a quoted field is never closed (a double quote is missing).");
                }

                var character = text[_position++];
                if (character == '"')
                {
                    if (_position < text.Length && text[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                        continue;
                    }

                    if (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
                    {
                        throw new FormatException($"Line {_line}: after a closing double quote there must be a comma or the end of the line.");
                    }

                    return;
                }

                if (character == '\n')
                {
                    _line++;
                }

                _field.Append(character);
            }
        }

        private void SkipLineBreak()
        {
            if (text[_position] == '\r')
            {
                _position++;
            }

            if (_position < text.Length && text[_position] == '\n')
            {
                _position++;
            }
        }

        private void EndRecord()
        {
            var blank = _fields is [{ Length: 0 }];
            if (!blank)
            {
                _records.Add(new CsvRecord(_recordLine, _fields));
            }

            _fields = [];
        }
    }
}
