import { describe, expect, it } from 'vitest';
import { HISTOTYPES, findHistotype, searchHistotypes } from '../../../shared/clinical/histotypes';

// The reference's "Differentiation score by histotype" list (PDQ Table 4), mapped onto catalogue ids.
const REFERENCE_SCORES: Array<[string, 1 | 2 | 3]> = [
  ['atypical-lipomatous-tumour', 1],
  ['well-differentiated-liposarcoma', 1],
  ['well-differentiated-leiomyosarcoma', 1],
  ['myxoid-liposarcoma', 2],
  ['fibrosarcoma', 2],
  ['myxofibrosarcoma', 2],
  ['leiomyosarcoma', 2],
  ['round-cell-liposarcoma', 3],
  ['pleomorphic-liposarcoma', 3],
  ['dedifferentiated-liposarcoma', 3],
  ['undifferentiated-pleomorphic-sarcoma', 3],
  ['pleomorphic-leiomyosarcoma', 3],
  ['epithelioid-leiomyosarcoma', 3],
  ['synovial-sarcoma', 3],
  ['synovial-sarcoma-biphasic', 3],
  ['synovial-sarcoma-spindle-cell', 3],
  ['synovial-sarcoma-poorly-differentiated', 3],
  ['pleomorphic-rhabdomyosarcoma', 3],
  ['mesenchymal-chondrosarcoma', 3],
  ['extraskeletal-osteosarcoma', 3],
  ['ewing-sarcoma', 3],
  ['malignant-rhabdoid-tumour', 3],
  ['undifferentiated-sarcoma', 3],
];

const ICD_CODES: Array<[string, string]> = [
  ['dedifferentiated-liposarcoma', '8858/3'],
  ['myxoid-liposarcoma', '8852/3'],
  ['pleomorphic-liposarcoma', '8854/3'],
  ['atypical-lipomatous-tumour', '8850/1'],
  ['leiomyosarcoma', '8890/3'],
  ['inflammatory-leiomyosarcoma', '8890/3'],
  ['undifferentiated-pleomorphic-sarcoma', '8802/3'],
  ['synovial-sarcoma', '9040/3'],
  ['synovial-sarcoma-biphasic', '9043/3'],
  ['synovial-sarcoma-spindle-cell', '9041/3'],
  ['myxofibrosarcoma', '8811/3'],
  ['fibrosarcoma', '8810/3'],
  ['mpnst', '9540/3'],
  ['angiosarcoma', '9120/3'],
  ['alveolar-soft-part-sarcoma', '9581/3'],
  ['clear-cell-sarcoma', '9044/3'],
  ['epithelioid-sarcoma', '8804/3'],
  ['embryonal-rhabdomyosarcoma', '8910/3'],
  ['alveolar-rhabdomyosarcoma', '8920/3'],
  ['pleomorphic-rhabdomyosarcoma', '8901/3'],
  ['ewing-sarcoma', '9364/3'],
  ['extraskeletal-osteosarcoma', '9180/3'],
  ['mesenchymal-chondrosarcoma', '9240/3'],
  ['malignant-rhabdoid-tumour', '8963/3'],
  ['solitary-fibrous-tumour-malignant', '8815/3'],
  ['desmoplastic-small-round-cell-tumour', '8806/3'],
  ['osteosarcoma', '9180/3'],
  ['chondrosarcoma', '9220/3'],
  ['chordoma', '9370/3'],
];

const idsWith = (flag: 'needsMdm2' | 'myxoidRoundCellLps' | 'needsBrainImaging' | 'nodeProne') =>
  HISTOTYPES.filter((t) => t[flag])
    .map((t) => t.id)
    .sort();

describe('histotype catalogue', () => {
  it('has 35-50 entries with unique kebab-case ids and unique names', () => {
    expect(HISTOTYPES.length).toBeGreaterThanOrEqual(35);
    expect(HISTOTYPES.length).toBeLessThanOrEqual(50);
    expect(new Set(HISTOTYPES.map((t) => t.id)).size).toBe(HISTOTYPES.length);
    expect(new Set(HISTOTYPES.map((t) => t.name)).size).toBe(HISTOTYPES.length);
  });

  it.each(HISTOTYPES.map((t) => [t.id, t] as const))('%s has a well-formed id and ICD-O-3 code', (_id, t) => {
    expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(t.icdO3).toMatch(/^\d{4}\/[0-3]$/);
    expect(t.name.trim()).not.toBe('');
  });

  it.each(REFERENCE_SCORES)('%s has differentiation score %i (PDQ Table 4)', (id, score) => {
    expect(findHistotype(id)?.differentiationScore).toBe(score);
  });

  it('gives a score only to histotypes the reference lists (others are entered by hand)', () => {
    const scored = HISTOTYPES.filter((t) => t.differentiationScore !== null)
      .map((t) => t.id)
      .sort();
    expect(scored).toEqual(REFERENCE_SCORES.map(([id]) => id).sort());
  });

  it.each(ICD_CODES)('%s is ICD-O-3 %s', (id, code) => {
    expect(findHistotype(id)?.icdO3).toBe(code);
  });

  it('flags the work-up histotypes exactly as the reference names them', () => {
    expect(idsWith('needsMdm2')).toEqual(
      ['atypical-lipomatous-tumour', 'dedifferentiated-liposarcoma', 'well-differentiated-liposarcoma'].sort(),
    );
    expect(idsWith('myxoidRoundCellLps')).toEqual(['myxoid-liposarcoma', 'round-cell-liposarcoma']);
    expect(idsWith('needsBrainImaging')).toEqual(
      ['alveolar-soft-part-sarcoma', 'angiosarcoma', 'clear-cell-sarcoma', 'epithelioid-sarcoma'].sort(),
    );
    expect(idsWith('nodeProne')).toEqual(
      [
        'alveolar-rhabdomyosarcoma',
        'angiosarcoma',
        'clear-cell-sarcoma',
        'embryonal-rhabdomyosarcoma',
        'epithelioid-sarcoma',
        'pleomorphic-rhabdomyosarcoma',
        'spindle-cell-rhabdomyosarcoma',
        'synovial-sarcoma',
        'synovial-sarcoma-biphasic',
        'synovial-sarcoma-poorly-differentiated',
        'synovial-sarcoma-spindle-cell',
      ].sort(),
    );
  });

  it.each([
    ['osteosarcoma', 'bone'],
    ['chordoma', 'bone'],
    ['extraskeletal-osteosarcoma', 'soft-tissue'],
    ['ewing-sarcoma', 'bone-or-soft-tissue'],
  ])('%s arises in %s', (id, tissue) => {
    expect(findHistotype(id)?.tissue).toBe(tissue);
  });
});

describe('findHistotype', () => {
  it.each([
    ['angiosarcoma', 'Angiosarcoma'],
    ['nope', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%s -> %s', (id, name) => {
    expect(findHistotype(id)?.name).toBe(name);
  });
});

describe('searchHistotypes', () => {
  it.each([
    ['LMS', 'leiomyosarcoma'],
    ['8858/3', 'dedifferentiated-liposarcoma'],
    ['ddlps', 'dedifferentiated-liposarcoma'],
    ['MPNST', 'mpnst'],
    ['UPS', 'undifferentiated-pleomorphic-sarcoma'],
    ['MFH', 'undifferentiated-pleomorphic-sarcoma'],
    ['synovial biphasic', 'synovial-sarcoma-biphasic'],
    ['Myxoid', 'myxoid-liposarcoma'],
    ['rhabdoid tumor', 'malignant-rhabdoid-tumour'],
    ['hemangioendothelioma', 'epithelioid-haemangioendothelioma'],
    ['Ewing', 'ewing-sarcoma'],
  ])('"%s" finds %s first', (q, id) => {
    expect(searchHistotypes(q)[0]?.id).toBe(id);
  });

  it.each([
    ['liposarcoma', ['dedifferentiated-liposarcoma', 'myxoid-liposarcoma', 'pleomorphic-liposarcoma']],
    ['rhabdomyosarcoma', ['embryonal-rhabdomyosarcoma', 'alveolar-rhabdomyosarcoma', 'pleomorphic-rhabdomyosarcoma']],
    ['8890/3', ['leiomyosarcoma', 'inflammatory-leiomyosarcoma', 'pleomorphic-leiomyosarcoma']],
  ])('"%s" includes %j', (q, ids) => {
    const found = searchHistotypes(q).map((t) => t.id);
    for (const id of ids) expect(found).toContain(id);
  });

  it('requires every word to match', () => {
    const found = searchHistotypes('synovial spindle').map((t) => t.id);
    expect(found).toEqual(['synovial-sarcoma-spindle-cell']);
  });

  it.each([[''], ['   ']])('empty text "%s" lists the whole catalogue', (q) => {
    expect(searchHistotypes(q)).toHaveLength(HISTOTYPES.length);
  });

  it('finds nothing for unknown text', () => {
    expect(searchHistotypes('carcinoma xyz')).toEqual([]);
  });
});
