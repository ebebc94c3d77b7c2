import fc from 'fast-check';
import {
  buildFilter,
  equalsClause,
  formatFilterNumber,
  MAX_FILTER_VALUE_BYTES,
  quoteFilterValue,
} from '../../engine/meilisearch/filter.js';
import { InvalidEngineRequestError } from '../../engine/errors.js';
import { tokenizeFilter } from './filter-grammar.js';

const clauseTokens = (value: string) => [
  { kind: 'word', text: 'speakers' },
  { kind: 'op', text: '=' },
  { kind: 'quoted', value },
];

describe('filter values are always one quoted literal', () => {
  const hostile: Array<[string, string]> = [
    ['"', 'speakers = "\\""'],
    ["'", 'speakers = "\'"'],
    ['\\', 'speakers = "\\\\"'],
    ['Asif\\', 'speakers = "Asif\\\\"'],
    ['\\"', 'speakers = "\\\\\\""'],
    ['AND', 'speakers = "AND"'],
    ['OR', 'speakers = "OR"'],
    ['NOT', 'speakers = "NOT"'],
    ['EXISTS', 'speakers = "EXISTS"'],
    ['x" OR speakers EXISTS OR speakers = "y', 'speakers = "x\\" OR speakers EXISTS OR speakers = \\"y"'],
    ['', 'speakers = ""'],
    ['Khawaja Asif', 'speakers = "Khawaja Asif"'],
  ];
  it.each(hostile)('%j → %s and parses back to the same value', (value, expected) => {
    const clause = equalsClause('speakers', value);
    expect(clause).toBe(expected);
    expect(tokenizeFilter(clause)).toEqual(clauseTokens(value));
  });

  it('the reference tokenizer does see the injection when a value is not escaped', () => {
    // Guards the guard: the tokenizer must be able to fail the assertions above.
    const naive = `speakers = "x" OR speakers EXISTS OR speakers = "y"`;
    expect(tokenizeFilter(naive).map((t) => t.kind)).toEqual(['word', 'op', 'quoted', 'keyword', 'word', 'keyword', 'keyword', 'word', 'op', 'quoted']);
  });

  it('property: for any string the clause is attribute, "=", one literal equal to the string', () => {
    const special = fc.constantFrom('\\', '"', "'", ' ', 'AND', 'OR', 'NOT', 'EXISTS', '(', ')', '[', ']', ',', '=', '\\"', '\n', 'é', '🦀');
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(special, { maxLength: 12 }).map((a) => a.join('')),
      fc.array(fc.oneof(special, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(value, (v) => {
        fc.pre(Buffer.byteLength(v, 'utf8') <= MAX_FILTER_VALUE_BYTES);
        expect(tokenizeFilter(equalsClause('speakers', v))).toEqual(clauseTokens(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('limits and numbers', () => {
  it(`accepts ${MAX_FILTER_VALUE_BYTES} bytes and rejects one more, naming the parameter`, () => {
    expect(quoteFilterValue('a'.repeat(MAX_FILTER_VALUE_BYTES), 'speaker')).toHaveLength(MAX_FILTER_VALUE_BYTES + 2);
    expect(() => quoteFilterValue('a'.repeat(MAX_FILTER_VALUE_BYTES + 1), 'speaker')).toThrow(InvalidEngineRequestError);
    const tooLong = () => buildFilter({ speakers: ['é'.repeat(235)] }); // 470 bytes in UTF-8, 235 characters
    expect(tooLong).toThrow(InvalidEngineRequestError);
    try {
      tooLong();
    } catch (e) {
      expect((e as InvalidEngineRequestError).param).toBe('speaker');
      expect((e as InvalidEngineRequestError).code).toBe('invalid_request');
    }
  });

  it.each([NaN, Infinity, -Infinity, 1.5, 1e21])('rejects %p as a date bound', (n) => {
    expect(() => buildFilter({ dateFrom: n })).toThrow(InvalidEngineRequestError);
    try {
      buildFilter({ dateTo: n });
    } catch (e) {
      expect((e as InvalidEngineRequestError).param).toBe('to');
    }
  });

  it('writes whole numbers bare, negative ones included', () => {
    expect(formatFilterNumber(1710633600, 'from')).toBe('1710633600');
    expect(buildFilter({ dateFrom: -86400 })).toEqual(['date >= -86400']);
    expect(tokenizeFilter('date >= -86400')).toEqual([
      { kind: 'word', text: 'date' },
      { kind: 'op', text: '>=' },
      { kind: 'word', text: '-86400' },
    ]);
  });
});

describe('buildFilter', () => {
  it('ORs values within an attribute and ANDs attributes, in array form (no parentheses needed)', () => {
    expect(
      buildFilter({
        speakers: ['Khawaja Asif', 'Ishaq Dar'],
        topics: ['Terrorism'],
        places: [],
        dateFrom: 1709251200,
        dateTo: 1711843200,
      }),
    ).toEqual([
      ['speakers = "Khawaja Asif"', 'speakers = "Ishaq Dar"'],
      'topics = "Terrorism"',
      'date >= 1709251200',
      'date <= 1711843200',
    ]);
  });

  it('drops duplicates and the omitted attribute (disjunctive facet counts)', () => {
    expect(buildFilter({ speakers: ['A', 'A'], month: ['2024-03'] }, 'speakers')).toEqual(['month = "2024-03"']);
    expect(buildFilter({ speakers: ['A', 'A'] })).toEqual(['speakers = "A"']);
  });

  it('never takes an attribute name from the request', () => {
    const filters = { speakers: ['A'], 'speakers EXISTS OR x': ['B'] } as never;
    expect(buildFilter(filters)).toEqual(['speakers = "A"']);
    expect(() => equalsClause('text' as never, 'x')).toThrow(/not whitelisted/);
  });

  it('rejects a non-list value for a list filter', () => {
    expect(() => buildFilter({ speakers: 'Khawaja Asif' as never })).toThrow(InvalidEngineRequestError);
  });
});
