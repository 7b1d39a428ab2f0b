/**
 * Catalogue of sarcoma histologic types (WHO Classification of Tumours, 5th ed., soft tissue and bone) with
 * ICD-O-3 morphology codes. The catalogue drives grading (differentiation score) and the readiness checklist
 * (the work-up flags); docs/clinical-rules.md#histotype-catalogue lists every entry with its sources, and a test keeps
 * the two the same.
 */

export type HistotypeFamily =
  | 'adipocytic'
  | 'fibroblastic'
  | 'smooth-muscle'
  | 'skeletal-muscle'
  | 'vascular'
  | 'chondro-osseous'
  | 'nerve-sheath'
  | 'uncertain-differentiation'
  | 'small-round-cell'
  | 'bone-osteogenic'
  | 'bone-chondrogenic'
  | 'notochordal';

export const HISTOTYPE_FAMILY_LABEL: Record<HistotypeFamily, string> = {
  adipocytic: 'Adipocytic',
  fibroblastic: 'Fibroblastic and myofibroblastic',
  'smooth-muscle': 'Smooth muscle',
  'skeletal-muscle': 'Skeletal muscle',
  vascular: 'Vascular',
  'chondro-osseous': 'Chondro-osseous (soft tissue)',
  'nerve-sheath': 'Peripheral nerve sheath',
  'uncertain-differentiation': 'Uncertain differentiation',
  'small-round-cell': 'Undifferentiated small round cell sarcomas of bone and soft tissue',
  'bone-osteogenic': 'Bone: osteogenic',
  'bone-chondrogenic': 'Bone: chondrogenic',
  notochordal: 'Bone: notochordal',
};

/** Where the tumour arises; FNCLCC grading is a soft tissue system, so a bone-only type is not FNCLCC-graded. */
export type HistotypeTissue = 'soft-tissue' | 'bone' | 'bone-or-soft-tissue';

export type DifferentiationScore = 1 | 2 | 3;

export interface Histotype {
  id: string;
  name: string;
  /** ICD-O-3 morphology code with behaviour: /1 intermediate, /3 malignant. */
  icdO3: string;
  family: HistotypeFamily;
  tissue: HistotypeTissue;
  /** Abbreviations and older names people type in a search box. */
  synonyms: readonly string[];
  /**
   * FNCLCC differentiation score from PDQ Table 4 (AJCC 8th), or null when the table does not list the type:
   * then the pathologist enters it by hand (docs/clinical-rules.md#fnclcc-grade).
   */
  differentiationScore: DifferentiationScore | null;
  /** Work-up: MDM2 amplification by FISH (well-differentiated / dedifferentiated liposarcoma). */
  needsMdm2: boolean;
  /** Work-up: CT abdomen/pelvis and whole-spine MRI (myxoid / round cell liposarcoma). */
  myxoidRoundCellLps: boolean;
  /** Work-up: brain imaging (angiosarcoma, alveolar soft part, clear cell and epithelioid sarcoma). */
  needsBrainImaging: boolean;
  /** Work-up: nodal assessment (synovial, clear cell, angiosarcoma, rhabdomyosarcoma, epithelioid sarcoma). */
  nodeProne: boolean;
}

type Flags = Partial<Pick<Histotype, 'needsMdm2' | 'myxoidRoundCellLps' | 'needsBrainImaging' | 'nodeProne'>>;

function h(
  id: string,
  name: string,
  icdO3: string,
  family: HistotypeFamily,
  differentiationScore: DifferentiationScore | null,
  opts: Flags & { tissue?: HistotypeTissue; synonyms?: string[] } = {},
): Histotype {
  return {
    id,
    name,
    icdO3,
    family,
    tissue: opts.tissue ?? 'soft-tissue',
    synonyms: opts.synonyms ?? [],
    differentiationScore,
    needsMdm2: opts.needsMdm2 ?? false,
    myxoidRoundCellLps: opts.myxoidRoundCellLps ?? false,
    needsBrainImaging: opts.needsBrainImaging ?? false,
    nodeProne: opts.nodeProne ?? false,
  };
}

// Differentiation scores: PDQ Table 4 (AJCC 8th). Work-up flags: docs/clinical-rules.md#work-up-before-the-board.
const WD_DD_LPS = { needsMdm2: true } as const;
const MYXOID_LPS = { myxoidRoundCellLps: true } as const;
const NODES = { nodeProne: true } as const;
const BRAIN_AND_NODES = { needsBrainImaging: true, nodeProne: true } as const;

export const HISTOTYPES: readonly Histotype[] = Object.freeze([
  // Adipocytic
  h('atypical-lipomatous-tumour', 'Atypical lipomatous tumour', '8850/1', 'adipocytic', 1, {
    ...WD_DD_LPS,
    synonyms: ['ALT', 'well-differentiated liposarcoma of the limbs', 'ALT/WDLPS'],
  }),
  // Same tumour as ALT; WHO keeps the /3 code for deep (retroperitoneal, mediastinal) sites.
  h('well-differentiated-liposarcoma', 'Well-differentiated liposarcoma', '8850/3', 'adipocytic', 1, {
    ...WD_DD_LPS,
    synonyms: ['WDLPS', 'lipoma-like liposarcoma', 'sclerosing liposarcoma'],
  }),
  h('dedifferentiated-liposarcoma', 'Dedifferentiated liposarcoma', '8858/3', 'adipocytic', 3, {
    ...WD_DD_LPS,
    synonyms: ['DDLPS'],
  }),
  h('myxoid-liposarcoma', 'Myxoid liposarcoma', '8852/3', 'adipocytic', 2, {
    ...MYXOID_LPS,
    synonyms: ['MLPS', 'MLS'],
  }),
  // WHO 5th files this under myxoid liposarcoma (high grade); ICD-O-3 keeps 8853/3, and Table 4 scores it 3.
  h('round-cell-liposarcoma', 'Round cell liposarcoma (high-grade myxoid liposarcoma)', '8853/3', 'adipocytic', 3, {
    ...MYXOID_LPS,
    synonyms: ['RCLS', 'high-grade myxoid liposarcoma', 'myxoid/round cell liposarcoma'],
  }),
  h('pleomorphic-liposarcoma', 'Pleomorphic liposarcoma', '8854/3', 'adipocytic', 3, { synonyms: ['PLPS'] }),
  h('myxoid-pleomorphic-liposarcoma', 'Myxoid pleomorphic liposarcoma', '8859/3', 'adipocytic', null),

  // Fibroblastic and myofibroblastic
  h('dermatofibrosarcoma-protuberans', 'Dermatofibrosarcoma protuberans', '8832/1', 'fibroblastic', null, {
    synonyms: ['DFSP'],
  }),
  h('solitary-fibrous-tumour-malignant', 'Solitary fibrous tumour, malignant', '8815/3', 'fibroblastic', null, {
    synonyms: ['SFT', 'haemangiopericytoma', 'hemangiopericytoma'],
  }),
  h('myxofibrosarcoma', 'Myxofibrosarcoma', '8811/3', 'fibroblastic', 2, { synonyms: ['MFS', 'myxoid MFH'] }),
  h('fibrosarcoma', 'Fibrosarcoma, NOS (adult-type)', '8810/3', 'fibroblastic', 2, {
    synonyms: ['adult fibrosarcoma'],
  }),
  h('low-grade-fibromyxoid-sarcoma', 'Low-grade fibromyxoid sarcoma', '8840/3', 'fibroblastic', null, {
    synonyms: ['LGFMS', 'Evans tumour'],
  }),
  h('sclerosing-epithelioid-fibrosarcoma', 'Sclerosing epithelioid fibrosarcoma', '8840/3', 'fibroblastic', null, {
    synonyms: ['SEF'],
  }),

  // Smooth muscle: Table 4 scores leiomyosarcoma by differentiation, so each level is its own entry.
  h('leiomyosarcoma', 'Leiomyosarcoma, NOS (conventional)', '8890/3', 'smooth-muscle', 2, { synonyms: ['LMS'] }),
  h('well-differentiated-leiomyosarcoma', 'Leiomyosarcoma, well differentiated', '8890/3', 'smooth-muscle', 1, {
    synonyms: ['LMS'],
  }),
  h('pleomorphic-leiomyosarcoma', 'Leiomyosarcoma, poorly differentiated / pleomorphic', '8890/3', 'smooth-muscle', 3, {
    synonyms: ['LMS', 'poorly differentiated leiomyosarcoma'],
  }),
  h('epithelioid-leiomyosarcoma', 'Epithelioid leiomyosarcoma', '8891/3', 'smooth-muscle', 3, { synonyms: ['LMS'] }),
  h('inflammatory-leiomyosarcoma', 'Inflammatory leiomyosarcoma', '8890/3', 'smooth-muscle', null, {
    synonyms: ['LMS'],
  }),

  // Skeletal muscle: all rhabdomyosarcomas are node-prone; only the pleomorphic type is in Table 4.
  h('embryonal-rhabdomyosarcoma', 'Embryonal rhabdomyosarcoma', '8910/3', 'skeletal-muscle', null, {
    ...NODES,
    synonyms: ['ERMS', 'RMS', 'botryoid rhabdomyosarcoma'],
  }),
  h('alveolar-rhabdomyosarcoma', 'Alveolar rhabdomyosarcoma', '8920/3', 'skeletal-muscle', null, {
    ...NODES,
    synonyms: ['ARMS', 'RMS'],
  }),
  h('pleomorphic-rhabdomyosarcoma', 'Pleomorphic rhabdomyosarcoma', '8901/3', 'skeletal-muscle', 3, {
    ...NODES,
    synonyms: ['PRMS', 'RMS'],
  }),
  h('spindle-cell-rhabdomyosarcoma', 'Spindle cell / sclerosing rhabdomyosarcoma', '8912/3', 'skeletal-muscle', null, {
    ...NODES,
    synonyms: ['RMS', 'sclerosing rhabdomyosarcoma'],
  }),

  // Vascular
  h('angiosarcoma', 'Angiosarcoma', '9120/3', 'vascular', null, { ...BRAIN_AND_NODES, synonyms: ['AS'] }),
  h('epithelioid-haemangioendothelioma', 'Epithelioid haemangioendothelioma', '9133/3', 'vascular', null, {
    synonyms: ['EHE', 'epithelioid hemangioendothelioma'],
  }),

  // Chondro-osseous (soft tissue)
  h('extraskeletal-osteosarcoma', 'Extraskeletal osteosarcoma', '9180/3', 'chondro-osseous', 3, {
    synonyms: ['soft tissue osteosarcoma'],
  }),

  // Peripheral nerve sheath
  h('mpnst', 'Malignant peripheral nerve sheath tumour', '9540/3', 'nerve-sheath', null, {
    synonyms: ['MPNST', 'neurofibrosarcoma', 'malignant schwannoma'],
  }),

  // Uncertain differentiation
  h('synovial-sarcoma', 'Synovial sarcoma, NOS', '9040/3', 'uncertain-differentiation', 3, {
    ...NODES,
    synonyms: ['SS'],
  }),
  h(
    'synovial-sarcoma-spindle-cell',
    'Synovial sarcoma, spindle cell (monophasic)',
    '9041/3',
    'uncertain-differentiation',
    3,
    {
      ...NODES,
      synonyms: ['SS', 'monophasic synovial sarcoma'],
    },
  ),
  h('synovial-sarcoma-biphasic', 'Synovial sarcoma, biphasic', '9043/3', 'uncertain-differentiation', 3, {
    ...NODES,
    synonyms: ['SS'],
  }),
  h(
    'synovial-sarcoma-poorly-differentiated',
    'Synovial sarcoma, poorly differentiated',
    '9040/3',
    'uncertain-differentiation',
    3,
    {
      ...NODES,
      synonyms: ['SS'],
    },
  ),
  h('epithelioid-sarcoma', 'Epithelioid sarcoma', '8804/3', 'uncertain-differentiation', null, {
    ...BRAIN_AND_NODES,
    synonyms: ['proximal-type epithelioid sarcoma', 'distal-type epithelioid sarcoma'],
  }),
  h('alveolar-soft-part-sarcoma', 'Alveolar soft part sarcoma', '9581/3', 'uncertain-differentiation', null, {
    needsBrainImaging: true,
    synonyms: ['ASPS'],
  }),
  h('clear-cell-sarcoma', 'Clear cell sarcoma of soft tissue', '9044/3', 'uncertain-differentiation', null, {
    ...BRAIN_AND_NODES,
    synonyms: ['CCS', 'malignant melanoma of soft parts'],
  }),
  h(
    'extraskeletal-myxoid-chondrosarcoma',
    'Extraskeletal myxoid chondrosarcoma',
    '9231/3',
    'uncertain-differentiation',
    null,
    {
      synonyms: ['EMC'],
    },
  ),
  h(
    'desmoplastic-small-round-cell-tumour',
    'Desmoplastic small round cell tumour',
    '8806/3',
    'uncertain-differentiation',
    null,
    {
      synonyms: ['DSRCT'],
    },
  ),
  h('malignant-rhabdoid-tumour', 'Malignant rhabdoid tumour (extrarenal)', '8963/3', 'uncertain-differentiation', 3, {
    synonyms: ['MRT', 'rhabdoid tumour'],
  }),
  h(
    'pecoma-malignant',
    'Perivascular epithelioid tumour (PEComa), malignant',
    '8714/3',
    'uncertain-differentiation',
    null,
    {
      synonyms: ['PEComa'],
    },
  ),
  h('intimal-sarcoma', 'Intimal sarcoma', '9137/3', 'uncertain-differentiation', null),
  h(
    'undifferentiated-pleomorphic-sarcoma',
    'Undifferentiated pleomorphic sarcoma',
    '8802/3',
    'uncertain-differentiation',
    3,
    {
      synonyms: ['UPS', 'MFH', 'malignant fibrous histiocytoma'],
    },
  ),
  h('undifferentiated-sarcoma', 'Undifferentiated sarcoma, NOS', '8805/3', 'uncertain-differentiation', 3, {
    synonyms: ['sarcoma NOS', 'unclassified sarcoma'],
  }),

  // Undifferentiated small round cell sarcomas of bone and soft tissue
  h('ewing-sarcoma', 'Ewing sarcoma', '9364/3', 'small-round-cell', 3, {
    tissue: 'bone-or-soft-tissue',
    synonyms: ['PNET', 'primitive neuroectodermal tumour', 'extraskeletal Ewing sarcoma'],
  }),
  h('cic-rearranged-sarcoma', 'Round cell sarcoma with CIC rearrangement', '9367/3', 'small-round-cell', null, {
    tissue: 'bone-or-soft-tissue',
    synonyms: ['CIC-rearranged sarcoma', 'CIC-DUX4'],
  }),
  h('bcor-sarcoma', 'Sarcoma with BCOR genetic alterations', '9368/3', 'small-round-cell', null, {
    tissue: 'bone-or-soft-tissue',
    synonyms: ['BCOR-rearranged sarcoma', 'BCOR-CCNB3'],
  }),

  // Bone
  h('osteosarcoma', 'Osteosarcoma, conventional', '9180/3', 'bone-osteogenic', null, {
    tissue: 'bone',
    synonyms: ['OS', 'high-grade central osteosarcoma'],
  }),
  h('atypical-cartilaginous-tumour', 'Atypical cartilaginous tumour', '9222/1', 'bone-chondrogenic', null, {
    tissue: 'bone',
    synonyms: ['ACT', 'chondrosarcoma grade 1'],
  }),
  h('chondrosarcoma', 'Chondrosarcoma, NOS (central, grade 2-3)', '9220/3', 'bone-chondrogenic', null, {
    tissue: 'bone',
    synonyms: ['CS', 'conventional chondrosarcoma'],
  }),
  h('dedifferentiated-chondrosarcoma', 'Dedifferentiated chondrosarcoma', '9243/3', 'bone-chondrogenic', null, {
    tissue: 'bone',
  }),
  // Arises in bone or soft tissue; Table 4 scores it 3 for soft tissue grading.
  h('mesenchymal-chondrosarcoma', 'Mesenchymal chondrosarcoma', '9240/3', 'bone-chondrogenic', 3, {
    tissue: 'bone-or-soft-tissue',
  }),
  h('chordoma', 'Chordoma, NOS (conventional)', '9370/3', 'notochordal', null, { tissue: 'bone' }),
  h('dedifferentiated-chordoma', 'Dedifferentiated chordoma', '9372/3', 'notochordal', null, { tissue: 'bone' }),
]);

const BY_ID = new Map(HISTOTYPES.map((t) => [t.id, t]));

export function findHistotype(id: string | null | undefined): Histotype | undefined {
  return id ? BY_ID.get(id) : undefined;
}

/** Lower case, no accents, one spelling (tumour/tumor, haem/hem), so either way of typing finds the entry. */
function normalise(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/tumour/g, 'tumor')
    .replace(/haem/g, 'hem')
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

const HAYSTACK = new Map(
  HISTOTYPES.map((t) => [
    t.id,
    {
      all: normalise(
        [t.name, t.id.replace(/-/g, ' '), t.icdO3, HISTOTYPE_FAMILY_LABEL[t.family], ...t.synonyms].join(' '),
      ),
      name: normalise(t.name),
      exact: new Set([t.id, t.icdO3, ...t.synonyms].map(normalise)),
    },
  ]),
);

/**
 * Every word of `text` must occur in the name, id, ICD-O-3 code, family or a synonym. Exact hits on a code or
 * abbreviation come first ("LMS", "8858/3"), then names that start with the text, then catalogue order.
 * Empty text lists the whole catalogue.
 */
export function searchHistotypes(text: string): Histotype[] {
  const q = normalise(text ?? '');
  if (!q) return [...HISTOTYPES];
  const words = q.split(' ');
  const rank = (t: Histotype): number => {
    const hay = HAYSTACK.get(t.id)!;
    if (hay.exact.has(q)) return 0;
    if (hay.name.startsWith(q)) return 1;
    return 2;
  };
  return HISTOTYPES.filter((t) => {
    const hay = HAYSTACK.get(t.id)!.all;
    return words.every((w) => hay.includes(w));
  })
    .map((t, i) => ({ t, i, r: rank(t) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.t);
}
