namespace TradeGrpc.Validation;

/// <summary>
/// A pattern of the plain subset of RE2 the protos use, compiled once to a deterministic automaton: matching takes one
/// table step per character of the text. .NET's compiled regex took 19 to 39 ns a call on the country and HTS code
/// patterns, most of it the fixed cost of a call, and a 10-line quote runs 30 of them.
/// </summary>
/// <remarks>
/// Matches as RE2 matches: <c>^</c> and <c>$</c> only at the ends of the text (so <c>$</c> takes no final line break),
/// <c>.</c> any character but a line break, the text searched for a match unless the pattern is anchored. The subset:
/// literals, escapes of punctuation, classes with ranges and negation, <c>.</c>, groups, alternation and the quantifiers
/// <c>? * + {n} {n,} {n,m}</c> (lazy or not). Anything else (letter escapes such as <c>\d</c>, groups with <c>(?</c>,
/// POSIX or nested classes, anchors inside the pattern) gives null, and its rule is left to protovalidate.
/// Characters are UTF-16 units: a caller that must count code points keeps surrogates away from patterns.
/// </remarks>
internal sealed class TextPattern
{
    private const int MaxNfaStates = 20_000;

    private const int MaxDfaStates = 4_000;

    /// <summary>RE2's limit on a counted repetition.</summary>
    private const int MaxRepeat = 1000;

    /// <summary>The first character of each class of characters the pattern tells apart, in order.</summary>
    private readonly char[] starts;

    /// <summary>The class of each ASCII character: most text looks no further.</summary>
    private readonly int[] asciiClasses;

    /// <summary>The state after each class from each state, <c>state * classes + class</c>; -1 when no match can follow.</summary>
    private readonly int[] next;

    private readonly bool[] accepting;

    private TextPattern(char[] starts, int[] next, bool[] accepting)
    {
        (this.starts, this.next, this.accepting) = (starts, next, accepting);
        asciiClasses = new int[128];
        for (var c = 0; c < 128; c++)
        {
            asciiClasses[c] = ClassOf((char)c);
        }
    }

    public bool IsMatch(string text)
    {
        var classes = starts.Length;
        var state = 0;
        foreach (var c in text)
        {
            state = next[(state * classes) + (c < 128 ? asciiClasses[c] : ClassOf(c))];
            if (state < 0)
            {
                return false;
            }
        }

        return accepting[state];
    }

    private int ClassOf(char c)
    {
        var at = Array.BinarySearch(starts, c);
        return at >= 0 ? at : ~at - 1;
    }

    /// <summary>The automaton of <paramref name="pattern"/>, or null when the pattern is outside the subset.</summary>
    public static TextPattern? TryCompile(string pattern)
    {
        var anchoredStart = pattern.StartsWith('^');
        var anchoredEnd = pattern.EndsWith('$') && !EndsEscaped(pattern);
        var body = pattern[(anchoredStart ? 1 : 0)..(anchoredEnd ? ^1 : ^0)];
        // A character beyond the BMP is two units here and one code point in RE2. Alternation binds loosest: in ^a|b$
        // each anchor belongs to one option, which this reading cannot keep. RE2 refuses nested counts past its limit.
        if (pattern.Any(char.IsSurrogate) || !new Parser(body).TryParse(out var tree)
            || (tree is Choice && (anchoredStart || anchoredEnd)) || !WithinRepeatLimit(tree, MaxRepeat))
        {
            return null;
        }

        var nfa = new Nfa();
        var accept = nfa.Add();
        if (!anchoredEnd)
        {
            nfa.AddStep(accept, CharSet.Any, accept);
        }

        var start = nfa.Emit(tree, accept);
        if (!anchoredStart)
        {
            var search = nfa.Add();
            nfa.AddStep(search, CharSet.Any, search);
            nfa.AddEmpty(search, start);
            start = search;
        }

        return nfa.States.Count > MaxNfaStates ? null : Determinize(nfa, start, accept);
    }

    /// <summary>RE2's check of nested counts: each count (its maximum, else its minimum) divides what is left of 1000, which must not reach 0.</summary>
    private static bool WithinRepeatLimit(Node node, int budget)
    {
        switch (node)
        {
            case Repeat repeat:
                var count = repeat.Max < 0 ? repeat.Min : repeat.Max;
                var left = count > 0 ? budget / count : budget;
                return left > 0 && WithinRepeatLimit(repeat.Item, left);
            case Sequence sequence:
                return sequence.Items.All(item => WithinRepeatLimit(item, budget));
            case Choice choice:
                return choice.Options.All(option => WithinRepeatLimit(option, budget));
            default:
                return true;
        }
    }

    /// <summary>Whether the final <c>$</c> is escaped (an odd run of backslashes before it): then it is a literal.</summary>
    private static bool EndsEscaped(string pattern)
    {
        var slashes = 0;
        for (var i = pattern.Length - 2; i >= 0 && pattern[i] == '\\'; i--)
        {
            slashes++;
        }

        return slashes % 2 == 1;
    }

    /// <summary>The subset construction: each automaton state is a set of the NFA's states, over the classes the pattern's sets divide the characters into.</summary>
    private static TextPattern? Determinize(Nfa nfa, int start, int accept)
    {
        var starts = CharSet.ClassStarts(nfa.States.Where(s => s.Set is not null).Select(s => s.Set!));
        var classes = starts.Length;
        var known = new Dictionary<string, int>();
        var sets = new List<int[]>();
        var next = new List<int>();
        var accepting = new List<bool>();

        int StateOf(int[] members)
        {
            var key = string.Join(',', members);
            if (!known.TryGetValue(key, out var state))
            {
                state = sets.Count;
                known.Add(key, state);
                sets.Add(members);
                accepting.Add(Array.IndexOf(members, accept) >= 0);
            }

            return state;
        }

        StateOf(nfa.Closure([start]));
        for (var state = 0; state < sets.Count; state++)
        {
            if (sets.Count > MaxDfaStates)
            {
                return null;
            }

            for (var c = 0; c < classes; c++)
            {
                var reached = sets[state].Select(s => nfa.States[s]).Where(s => s.Set?.Contains(starts[c]) == true).Select(s => s.Target).ToList();
                next.Add(reached.Count == 0 ? -1 : StateOf(nfa.Closure(reached)));
            }
        }

        return new TextPattern(starts, [.. next], [.. accepting]);
    }

    /// <summary>A set of UTF-16 characters as inclusive ranges.</summary>
    private sealed record CharSet((char From, char To)[] Ranges)
    {
        public static readonly CharSet Any = new([('\0', char.MaxValue)]);

        /// <summary>RE2's <c>.</c>: any character but a line feed.</summary>
        public static readonly CharSet AnyButLineFeed = new([('\0', (char)('\n' - 1)), ((char)('\n' + 1), char.MaxValue)]);

        public static CharSet Of(char c) => new([(c, c)]);

        public bool Contains(char c) => Ranges.Any(r => r.From <= c && c <= r.To);

        public CharSet Complement()
        {
            var ranges = new List<(char, char)>();
            var from = 0;
            foreach (var (lo, hi) in Ranges.OrderBy(r => r.From))
            {
                if (lo > from)
                {
                    ranges.Add(((char)from, (char)(lo - 1)));
                }

                from = Math.Max(from, hi + 1);
            }

            if (from <= char.MaxValue)
            {
                ranges.Add(((char)from, char.MaxValue));
            }

            return new([.. ranges]);
        }

        /// <summary>The first character of each class: characters between two starts are in the same sets.</summary>
        public static char[] ClassStarts(IEnumerable<CharSet> sets)
        {
            var starts = new SortedSet<int> { 0 };
            foreach (var (from, to) in sets.SelectMany(s => s.Ranges))
            {
                starts.Add(from);
                if (to < char.MaxValue)
                {
                    starts.Add(to + 1);
                }
            }

            return [.. starts.Select(s => (char)s)];
        }
    }

    private abstract record Node;

    private sealed record Chars(CharSet Set) : Node;

    private sealed record Sequence(Node[] Items) : Node;

    private sealed record Choice(Node[] Options) : Node;

    /// <summary><paramref name="Max"/> is -1 for no limit.</summary>
    private sealed record Repeat(Node Item, int Min, int Max) : Node;

    /// <summary>A Thompson automaton, built back to front so that each piece is made knowing what follows it.</summary>
    private sealed class Nfa
    {
        public List<NfaState> States { get; } = [];

        public int Add()
        {
            States.Add(new NfaState());
            return States.Count - 1;
        }

        public void AddStep(int from, CharSet set, int to) => (States[from].Set, States[from].Target) = (set, to);

        public void AddEmpty(int from, int to) => States[from].Empty.Add(to);

        /// <summary>The start of <paramref name="node"/>'s states, which go on to <paramref name="next"/> once it matched.</summary>
        public int Emit(Node node, int next)
        {
            if (States.Count > MaxNfaStates)
            {
                return next;
            }

            switch (node)
            {
                case Chars chars:
                    var step = Add();
                    AddStep(step, chars.Set, next);
                    return step;
                case Sequence sequence:
                    for (var i = sequence.Items.Length - 1; i >= 0; i--)
                    {
                        next = Emit(sequence.Items[i], next);
                    }

                    return next;
                case Choice choice:
                    var fork = Add();
                    foreach (var option in choice.Options)
                    {
                        AddEmpty(fork, Emit(option, next));
                    }

                    return fork;
                case Repeat repeat:
                    var rest = next;
                    if (repeat.Max < 0)
                    {
                        // Any number more: a loop through the item, or on.
                        var loop = Add();
                        AddEmpty(loop, Emit(repeat.Item, loop));
                        AddEmpty(loop, next);
                        rest = loop;
                    }

                    for (var i = repeat.Min; i < repeat.Max; i++)
                    {
                        // One more, optional: the item (then the optional ones after it), or on.
                        var optional = Add();
                        AddEmpty(optional, Emit(repeat.Item, rest));
                        AddEmpty(optional, next);
                        rest = optional;
                    }

                    for (var i = 0; i < repeat.Min; i++)
                    {
                        rest = Emit(repeat.Item, rest);
                    }

                    return rest;
                default:
                    throw new InvalidOperationException($"Unknown pattern node {node}.");
            }
        }

        /// <summary>The states reached from <paramref name="from"/> without a character, sorted.</summary>
        public int[] Closure(IEnumerable<int> from)
        {
            var reached = new SortedSet<int>();
            var pending = new Stack<int>(from);
            while (pending.TryPop(out var state))
            {
                if (reached.Add(state))
                {
                    States[state].Empty.ForEach(pending.Push);
                }
            }

            return [.. reached];
        }
    }

    private sealed class NfaState
    {
        public List<int> Empty { get; } = [];

        public CharSet? Set { get; set; }

        public int Target { get; set; }
    }

    /// <summary>Reads a pattern (its end anchors taken off) into nodes; fails outside the subset.</summary>
    private sealed class Parser(string pattern)
    {
        private int at;

        public bool TryParse(out Node node)
        {
            node = ParseChoice()!;
            return node is not null && at == pattern.Length;
        }

        private Node? ParseChoice()
        {
            var options = new List<Node>();
            while (true)
            {
                if (ParseSequence() is not { } sequence)
                {
                    return null;
                }

                options.Add(sequence);
                if (at == pattern.Length || pattern[at] != '|')
                {
                    return options.Count == 1 ? options[0] : new Choice([.. options]);
                }

                at++;
            }
        }

        private Sequence? ParseSequence()
        {
            var items = new List<Node>();
            while (at < pattern.Length && pattern[at] is not ('|' or ')'))
            {
                if (ParseAtom() is not { } atom)
                {
                    return null;
                }

                var quantified = false;
                while (TryQuantifier(out var min, out var max))
                {
                    if (quantified || (max >= 0 && min > max) || Math.Max(min, max) > MaxRepeat)
                    {
                        // A quantifier on a quantifier (a**), a{2,1} or a{1001}: errors in RE2.
                        return null;
                    }

                    quantified = true;
                    atom = new Repeat(atom, min, max);
                    if (at < pattern.Length && pattern[at] == '?')
                    {
                        // Lazy or greedy, the same texts match.
                        at++;
                    }
                }

                items.Add(atom);
            }

            return new Sequence([.. items]);
        }

        private Node? ParseAtom()
        {
            var c = pattern[at++];
            switch (c)
            {
                case '(':
                    if (at < pattern.Length && pattern[at] == '?')
                    {
                        return null;
                    }

                    var inner = ParseChoice();
                    if (inner is null || at == pattern.Length || pattern[at] != ')')
                    {
                        return null;
                    }

                    at++;
                    return inner;
                case '[':
                    return ParseClass() is { } set ? new Chars(set) : null;
                case '.':
                    return new Chars(CharSet.AnyButLineFeed);
                case '\\':
                    return TryEscaped(out var escaped) ? new Chars(CharSet.Of(escaped)) : null;
                case '^' or '$' or '*' or '+' or '?' or ')':
                    return null;
                case '{' when TryRepetition(at - 1, out _, out _, out _):
                    return null;
                default:
                    return new Chars(CharSet.Of(c));
            }
        }

        /// <summary>An escape's character: ASCII punctuation only (a letter or digit escape is a class or a reference in RE2).</summary>
        private bool TryEscaped(out char c)
        {
            c = at < pattern.Length ? pattern[at] : '\0';
            if (at == pattern.Length || char.IsAsciiLetterOrDigit(c) || !char.IsAscii(c))
            {
                return false;
            }

            at++;
            return true;
        }

        private CharSet? ParseClass()
        {
            var negated = at < pattern.Length && pattern[at] == '^';
            at += negated ? 1 : 0;
            var ranges = new List<(char, char)>();
            // A ] first would be a literal in RE2 and close the class in .NET: left to protovalidate.
            if (at < pattern.Length && pattern[at] == ']')
            {
                return null;
            }

            while (at < pattern.Length && pattern[at] != ']')
            {
                if (!TryClassChar(out var from))
                {
                    return null;
                }

                var to = from;
                if (at + 1 < pattern.Length && pattern[at] == '-' && pattern[at + 1] != ']')
                {
                    at++;
                    if (!TryClassChar(out to) || to < from)
                    {
                        return null;
                    }
                }

                ranges.Add((from, to));
            }

            if (at == pattern.Length)
            {
                return null;
            }

            at++;
            var set = new CharSet([.. ranges]);
            return negated ? set.Complement() : set;
        }

        private bool TryClassChar(out char c)
        {
            c = pattern[at++];
            return c switch
            {
                '\\' => TryEscaped(out c),
                '[' => false,
                _ => true,
            };
        }

        /// <summary>Reads <c>? * + {n} {n,} {n,m}</c>; a brace that starts none of them is a literal, as in RE2.</summary>
        private bool TryQuantifier(out int min, out int max)
        {
            (min, max) = (0, -1);
            if (at == pattern.Length)
            {
                return false;
            }

            switch (pattern[at])
            {
                case '?':
                    (min, max) = (0, 1);
                    break;
                case '*':
                    break;
                case '+':
                    min = 1;
                    break;
                case '{' when TryRepetition(at, out min, out max, out var close):
                    at = close;
                    break;
                default:
                    return false;
            }

            at++;
            return true;
        }

        /// <summary>
        /// Reads a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> that starts at <paramref name="brace"/>, <paramref name="max"/> -1 for
        /// no limit; false when there is none there. RE2 reads a count with a leading zero (<c>{01}</c>) as text.
        /// </summary>
        private bool TryRepetition(int brace, out int min, out int max, out int close)
        {
            (min, max) = (0, -1);
            close = pattern.IndexOf('}', brace);
            var parts = close < 0 ? [] : pattern[(brace + 1)..close].Split(',');
            if (parts.Length is 0 or > 2 || !IsCount(parts[0]) || (parts.Length == 2 && parts[1].Length > 0 && !IsCount(parts[1])))
            {
                return false;
            }

            min = Count(parts[0]);
            max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : Count(parts[1]);
            return true;
        }

        /// <summary>A count; one of more than four digits is past RE2's limit whatever it says.</summary>
        private static int Count(string digits) =>
            digits.Length > 4 ? MaxRepeat + 1 : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

        private static bool IsCount(string text) => text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');
    }
}
