/**
 * Analytic CT phantoms for the demo cases whose seed documents give a tumour size (see resources/demo/README.md).
 *
 * A phantom is an ordered list of shapes painted over air: each shape has an approximate signed distance to its
 * surface and a HU value (constant or a texture), and later shapes overwrite earlier ones. Across each surface the
 * value blends linearly over `edge` mm (a partial-volume ramp), so the HU crosses the midpoint between a shape and
 * what surrounds it exactly on the shape's surface: an edge-to-edge measurement of the mass gives its documented
 * size. Pixel noise is a hash of the position (deterministic: the same point always gives the same HU).
 *
 * Coordinates are DICOM patient coordinates in mm (LPS): +x towards the patient's left, +y posterior, +z head.
 * Nothing here is patient data; the anatomy is a simplified sketch, only the mass geometry is meant to be exact.
 */

export type Vec3 = readonly [number, number, number];
export type Texture = (x: number, y: number, z: number) => number;

export interface Shape {
  readonly name: string;
  /** Bounds including the edge ramp: [xmin, xmax, ymin, ymax, zmin, zmax]. */
  readonly box: readonly [number, number, number, number, number, number];
  /** Approximate signed distance to the surface in mm (negative inside); exact on the surface. */
  sd(x: number, y: number, z: number): number;
  /** HU inside the shape. */
  readonly hu: number | Texture;
  /** Width of the partial-volume ramp across the surface, mm. */
  readonly edge: number;
  /**
   * Optional fast path for a line along x at (y, z): false when the line misses the shape; otherwise writes
   * ROW_STRIDE numbers at `p[o]`: the x interval outside which the shape cannot affect the line (a generous bound),
   * a kind, and the y/z terms of `sd` worked out once per line (see `rowSd`, which must give the same values as `sd`).
   */
  row?(y: number, z: number, p: Float64Array, o: number): boolean;
}

/** Row parameter layout: [lo, hi, kind, ...kind-specific]. */
export const ROW_STRIDE = 10;
const ROW_QUADRIC = 0; // cx, 1/a, uu, gg, deep, cap, shell half-thickness (0: solid)
const ROW_BOX = 1; // cx, half-width, y/z term
const ROW_GENERIC = 2; // calls shape.sd

function rowSd(p: Float64Array, o: number, x: number, shape: Shape, y: number, z: number): number {
  const kind = p[o + 2];
  if (kind === ROW_QUADRIC) {
    const ia = p[o + 4];
    let d = quadricSd((x - p[o + 3]) * ia, ia, p[o + 5], p[o + 6], p[o + 7]);
    const shell = p[o + 9];
    if (shell > 0) d = (d < 0 ? -d : d) - shell;
    const cap = p[o + 8];
    return d > cap ? d : cap;
  }
  if (kind === ROW_BOX) {
    const d = Math.abs(x - p[o + 3]) - p[o + 4];
    const t = p[o + 5];
    return d > t ? d : t;
  }
  return shape.sd(x, y, z);
}

interface ShapeOptions {
  edge?: number;
}

const DEFAULT_EDGE = 1;

// ------------------------------------------------------------------------------------------------ primitives

/**
 * First-order signed distance to an ellipse / ellipsoid surface: with u = offset / semi-axis per axis,
 * s = |u| and g = |u / semi-axis|, the distance is (s - 1) s / g (exact on the surface and along the axes).
 * `uu` and `gg` are the y/z parts of s^2 and g^2. Well inside (s < 0.5) the exact distance is at least half the
 * smallest semi-axis, far more than any edge ramp, so that value is returned instead.
 */
function quadricSd(ux: number, ia: number, uu: number, gg: number, deep: number): number {
  const s = Math.sqrt(ux * ux + uu);
  if (s < 0.5) return deep;
  const t = ux * ia;
  return ((s - 1) * s) / Math.sqrt(t * t + gg);
}

/** An axis-aligned ellipsoid with centre `c` and semi-axes `r` (mm). */
export function ellipsoid(name: string, c: Vec3, r: Vec3, hu: number | Texture, o: ShapeOptions = {}): Shape {
  const edge = o.edge ?? DEFAULT_EDGE;
  const [ia, ib, ic] = [1 / r[0], 1 / r[1], 1 / r[2]];
  const deep = -0.5 * Math.min(r[0], r[1], r[2]);
  const grow = edge + 1; // the ellipsoid grown by this contains every point the ramp reaches
  return {
    name,
    edge,
    hu,
    box: [
      c[0] - r[0] - edge,
      c[0] + r[0] + edge,
      c[1] - r[1] - edge,
      c[1] + r[1] + edge,
      c[2] - r[2] - edge,
      c[2] + r[2] + edge,
    ],
    sd: (x, y, z) => {
      const v = (y - c[1]) * ib;
      const w = (z - c[2]) * ic;
      return quadricSd((x - c[0]) * ia, ia, v * v + w * w, v * ib * v * ib + w * ic * w * ic, deep);
    },
    row: (y, z, p, o) => {
      const vg = (y - c[1]) / (r[1] + grow);
      const wg = (z - c[2]) / (r[2] + grow);
      const t = 1 - vg * vg - wg * wg;
      if (t <= 0) return false;
      const hw = (r[0] + grow) * Math.sqrt(t);
      const v = (y - c[1]) * ib;
      const w = (z - c[2]) * ic;
      p[o] = c[0] - hw;
      p[o + 1] = c[0] + hw;
      p[o + 2] = ROW_QUADRIC;
      p[o + 3] = c[0];
      p[o + 4] = ia;
      p[o + 5] = v * v + w * w;
      p[o + 6] = v * ib * v * ib + w * ic * w * ic;
      p[o + 7] = deep;
      p[o + 8] = -Infinity;
      p[o + 9] = 0;
      return true;
    },
  };
}

export interface CylinderSpec {
  /** Ends along z. */
  z0: number;
  z1: number;
  /** Centre (x, y) at z0 and at z1 (interpolated linearly between). */
  c0: readonly [number, number];
  c1?: readonly [number, number];
  /** Semi-axes (x, y) at z0 and at z1. */
  r0: readonly [number, number];
  r1?: readonly [number, number];
}

/**
 * An elliptic cylinder along z with flat ends; its centre and semi-axes may change linearly along z. With
 * `shell`, only a wall of that thickness centred on the outline (a thin fascial plane, for instance).
 */
export function cylinder(
  name: string,
  spec: CylinderSpec,
  hu: number | Texture,
  o: ShapeOptions & { shell?: number } = {},
): Shape {
  const edge = o.edge ?? DEFAULT_EDGE;
  const shell = (o.shell ?? 0) / 2;
  const zLo = Math.min(spec.z0, spec.z1);
  const zHi = Math.max(spec.z0, spec.z1);
  const c0 = spec.c0;
  const c1 = spec.c1 ?? spec.c0;
  const r0 = spec.r0;
  const r1 = spec.r1 ?? spec.r0;
  const span = spec.z1 - spec.z0;
  const grow = edge + 1 + shell;
  const m = edge + shell;
  /** Centre and semi-axes of the cross-section at z. */
  const at = (z: number) => {
    const t = span === 0 ? 0 : Math.min(1, Math.max(0, (z - spec.z0) / span));
    return {
      cx: c0[0] + t * (c1[0] - c0[0]),
      cy: c0[1] + t * (c1[1] - c0[1]),
      a: r0[0] + t * (r1[0] - r0[0]),
      b: r0[1] + t * (r1[1] - r0[1]),
    };
  };
  const rowOf = (y: number, z: number) => {
    const { cx, cy, a, b } = at(z);
    const ia = 1 / a;
    const ib = 1 / b;
    const v = (y - cy) * ib;
    return {
      cx,
      a,
      b,
      ia,
      cy,
      uu: v * v,
      gg: v * ib * v * ib,
      deep: -0.5 * Math.min(a, b),
      cap: Math.max(zLo - z, z - zHi),
    };
  };
  return {
    name,
    edge,
    hu,
    box: [
      Math.min(c0[0] - r0[0], c1[0] - r1[0]) - m,
      Math.max(c0[0] + r0[0], c1[0] + r1[0]) + m,
      Math.min(c0[1] - r0[1], c1[1] - r1[1]) - m,
      Math.max(c0[1] + r0[1], c1[1] + r1[1]) + m,
      zLo - edge,
      zHi + edge,
    ],
    sd: (x, y, z) => {
      const q = rowOf(y, z);
      let d = quadricSd((x - q.cx) * q.ia, q.ia, q.uu, q.gg, q.deep);
      if (shell > 0) d = (d < 0 ? -d : d) - shell;
      return d > q.cap ? d : q.cap;
    },
    row: (y, z, p, o) => {
      if (z < zLo - grow || z > zHi + grow) return false;
      const q = rowOf(y, z);
      const vg = (y - q.cy) / (q.b + grow);
      if (vg * vg >= 1) return false;
      const hw = (q.a + grow) * Math.sqrt(1 - vg * vg);
      p[o] = q.cx - hw;
      p[o + 1] = q.cx + hw;
      p[o + 2] = ROW_QUADRIC;
      p[o + 3] = q.cx;
      p[o + 4] = q.ia;
      p[o + 5] = q.uu;
      p[o + 6] = q.gg;
      p[o + 7] = q.deep;
      p[o + 8] = q.cap;
      p[o + 9] = shell;
      return true;
    },
  };
}

/** An axis-aligned box from `lo` to `hi`. */
export function box(name: string, lo: Vec3, hi: Vec3, hu: number | Texture, o: ShapeOptions = {}): Shape {
  const edge = o.edge ?? DEFAULT_EDGE;
  const c = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  const h = [(hi[0] - lo[0]) / 2, (hi[1] - lo[1]) / 2, (hi[2] - lo[2]) / 2];
  const yz = (y: number, z: number) => Math.max(Math.abs(y - c[1]) - h[1], Math.abs(z - c[2]) - h[2]);
  return {
    name,
    edge,
    hu,
    box: [lo[0] - edge, hi[0] + edge, lo[1] - edge, hi[1] + edge, lo[2] - edge, hi[2] + edge],
    sd: (x, y, z) => Math.max(Math.abs(x - c[0]) - h[0], yz(y, z)),
    row: (y, z, p, o) => {
      const t = yz(y, z);
      if (t >= edge) return false;
      p[o] = lo[0] - edge;
      p[o + 1] = hi[0] + edge;
      p[o + 2] = ROW_BOX;
      p[o + 3] = c[0];
      p[o + 4] = h[0];
      p[o + 5] = t;
      return true;
    },
  };
}

// ------------------------------------------------------------------------------------------------ noise

/** Mixes one integer into a 32-bit hash state. */
function mix(h: number, k: number): number {
  h ^= Math.imul(k, 0xcc9e2d51);
  h = Math.imul((h << 15) | (h >>> 17), 0x1b873593);
  return Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
}

/** Final avalanche of a hash state. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Deterministic PRNG (mulberry32) for placing incidental anatomy. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for seeds derived from case keys. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ------------------------------------------------------------------------------------------------ phantom

export interface PhantomOptions {
  /** Seed for the pixel noise. */
  seed: number;
  /** Noise amplitude: HU values get a triangular-distributed offset in [-noiseHu, +noiseHu]. */
  noiseHu?: number;
  /** HU outside every shape (air). */
  background?: number;
}

export class Phantom {
  readonly seed: number;
  readonly noiseHu: number;
  readonly background: number;

  constructor(
    readonly shapes: readonly Shape[],
    options: PhantomOptions,
  ) {
    this.seed = options.seed >>> 0;
    this.noiseHu = options.noiseHu ?? 8;
    this.background = options.background ?? -1000;
  }

  /** HU at a point without noise. */
  cleanHu(x: number, y: number, z: number): number {
    return paintAll(this.shapes, this.background, x, y, z);
  }

  /** HU at a point, with the deterministic pixel noise. */
  hu(x: number, y: number, z: number): number {
    return this.cleanHu(x, y, z) + this.noise(x, y, z);
  }

  /** Pixel noise: a hash of the position quantised to 0.1 mm, triangular in [-noiseHu, +noiseHu]. */
  noise(x: number, y: number, z: number): number {
    return this.noiseFrom(this.noiseRow(y, z), x);
  }

  private noiseRow(y: number, z: number): number {
    return mix(mix(this.seed, Math.round(y * 10)), Math.round(z * 10));
  }

  private noiseFrom(rowHash: number, x: number): number {
    if (this.noiseHu === 0) return 0;
    const h = finish(mix(rowHash, Math.round(x * 10)));
    return (((h & 0xffff) + (h >>> 16)) / 65535 - 1) * this.noiseHu;
  }

  /**
   * HU (with noise) at `n` points `start + i * step` into `out`: the same values as `hu` at those points. Only
   * shapes whose bounds meet the segment are evaluated; along x (every row of the axial and coronal series) each
   * point evaluates only the shapes that reach it, from the topmost one that fully covers it.
   */
  sampleLine(start: Vec3, step: Vec3, n: number, out: Float32Array): void {
    if (step[0] > 0 && step[1] === 0 && step[2] === 0) {
      this.sampleRowX(start, step[0], n, out);
      return;
    }
    const end = [start[0] + step[0] * (n - 1), start[1] + step[1] * (n - 1), start[2] + step[2] * (n - 1)];
    const lo = [Math.min(start[0], end[0]), Math.min(start[1], end[1]), Math.min(start[2], end[2])];
    const hi = [Math.max(start[0], end[0]), Math.max(start[1], end[1]), Math.max(start[2], end[2])];
    const active: Shape[] = [];
    for (const s of this.shapes) {
      const b = s.box;
      if (b[1] < lo[0] || b[0] > hi[0] || b[3] < lo[1] || b[2] > hi[1] || b[5] < lo[2] || b[4] > hi[2]) continue;
      active.push(s);
    }
    for (let i = 0; i < n; i++) {
      const x = start[0] + step[0] * i;
      const y = start[1] + step[1] * i;
      const z = start[2] + step[2] * i;
      out[i] = paintAll(active, this.background, x, y, z) + this.noise(x, y, z);
    }
  }

  private rowParams = new Float64Array(0);
  private rowDist = new Float64Array(0);

  private sampleRowX(start: Vec3, dx: number, n: number, out: Float32Array): void {
    const [x0, y, z] = start;
    const xEnd = x0 + dx * (n - 1);
    const all = this.shapes;
    if (this.rowParams.length < all.length * ROW_STRIDE) {
      this.rowParams = new Float64Array(all.length * ROW_STRIDE);
      this.rowDist = new Float64Array(all.length);
    }
    const p = this.rowParams;
    const dist = this.rowDist;
    const shapes: Shape[] = [];
    const from: number[] = [];
    const to: number[] = [];
    const half: number[] = [];
    for (const s of all) {
      const b = s.box;
      if (y < b[2] || y > b[3] || z < b[4] || z > b[5] || b[1] < x0 || b[0] > xEnd) continue;
      const o = shapes.length * ROW_STRIDE;
      if (s.row) {
        if (!s.row(y, z, p, o)) continue;
      } else {
        p[o] = b[0];
        p[o + 1] = b[1];
        p[o + 2] = ROW_GENERIC;
      }
      // Inside the box too, as `paintAll` skips points outside it.
      const i0 = Math.max(0, Math.ceil((Math.max(p[o], b[0]) - x0) / dx));
      const i1 = Math.min(n - 1, Math.floor((Math.min(p[o + 1], b[1]) - x0) / dx));
      if (i1 < i0) continue;
      shapes.push(s);
      from.push(i0);
      to.push(i1);
      half.push(s.edge / 2);
    }
    const m = shapes.length;
    const rowHash = this.noiseRow(y, z);
    // Cut the row where any shape's interval starts or ends: within a segment the same shapes are in reach.
    const cuts = [0, n];
    for (let k = 0; k < m; k++) cuts.push(from[k], to[k] + 1);
    cuts.sort((a, b) => a - b);
    const inReach: number[] = [];
    for (let c = 0; c < cuts.length - 1; c++) {
      const s0 = cuts[c];
      const s1 = cuts[c + 1];
      if (s1 <= s0) continue;
      inReach.length = 0;
      for (let k = 0; k < m; k++) if (from[k] <= s0 && to[k] >= s1 - 1) inReach.push(k);
      const r = inReach.length;
      for (let i = s0; i < s1; i++) {
        const x = x0 + dx * i;
        // From the top: the first shape that fully covers the point hides everything below it.
        let top = -1;
        let j = r - 1;
        for (; j >= 0; j--) {
          const k = inReach[j];
          const d = rowSd(p, k * ROW_STRIDE, x, shapes[k], y, z);
          dist[k] = d;
          if (d <= -half[k]) {
            top = k;
            break;
          }
        }
        let v = this.background;
        if (top >= 0) {
          const hu = shapes[top].hu;
          v = typeof hu === 'number' ? hu : hu(x, y, z);
        }
        for (j++; j < r; j++) {
          const k = inReach[j];
          if (k === top) continue;
          const d = dist[k];
          if (d >= half[k]) continue;
          const s = shapes[k];
          const value = typeof s.hu === 'number' ? s.hu : s.hu(x, y, z);
          v += (0.5 - d / s.edge) * (value - v);
        }
        out[i] = v + this.noiseFrom(rowHash, x);
      }
    }
  }
}

function paintAll(shapes: readonly Shape[], background: number, x: number, y: number, z: number): number {
  let v = background;
  for (let k = 0; k < shapes.length; k++) {
    const s = shapes[k];
    const b = s.box;
    if (x < b[0] || x > b[1] || y < b[2] || y > b[3] || z < b[4] || z > b[5]) continue;
    const d = s.sd(x, y, z);
    const half = s.edge / 2;
    if (d >= half) continue;
    const value = typeof s.hu === 'number' ? s.hu : s.hu(x, y, z);
    if (d <= -half) v = value;
    else v += (0.5 - d / s.edge) * (value - v);
  }
  return v;
}

// ------------------------------------------------------------------------------------------------ tissues

export const HU = {
  air: -1000,
  lung: -850,
  fat: -100,
  visceralFat: -95,
  muscle: 50,
  kidney: 30,
  liver: 60,
  spleen: 50,
  blood: 40,
  water: 5,
  bowelWall: 40,
  cortex: 700,
  cancellous: 230,
  disc: 85,
} as const;

/** First-order signed distance to an ellipsoid surface (see quadricSd). */
function ellipsoidSd(dx: number, dy: number, dz: number, a: number, b: number, c: number): number {
  const v = dy / b;
  const w = dz / c;
  return quadricSd(dx / a, 1 / a, v * v + w * w, (v / b) * (v / b) + (w / c) * (w / c), -0.5 * Math.min(a, b, c));
}

const clamp01 = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);

/** Fat with thin wavy fibrous septa (well-differentiated liposarcoma texture). */
function septatedFat(base: number, septumHu: number, scale: number): Texture {
  return (x, y, z) => {
    const f =
      Math.sin(x / (6.3 * scale) + Math.sin(z / (11 * scale))) +
      Math.sin(y / (7.7 * scale) - z / (13 * scale)) +
      Math.sin(z / (9.1 * scale) + x / (17 * scale) + y / (19 * scale));
    const w = clamp01(1 - Math.abs(f) / 0.13);
    return base + w * 0.8 * (septumHu - base);
  };
}

/** Soft tissue with gentle low-frequency heterogeneity (± amplitude). */
function heterogeneous(base: number, amplitude: number, scale = 1): Texture {
  return (x, y, z) =>
    base +
    amplitude *
      0.5 *
      (Math.sin(x / (6.1 * scale) + 1.3 * Math.sin(z / (9.7 * scale))) *
        Math.sin(y / (7.3 * scale) - z / (15 * scale)) +
        Math.sin((x + y) / (11 * scale) + z / (8.3 * scale)));
}

/** Vertebral body: cancellous bone with a cortical rim, interrupted by discs every `pitch` mm. */
function vertebralBody(cx: number, cy: number, r: number, pitch: number, phase: number): Texture {
  return (x, y, z) => {
    const zz = (((z - phase) % pitch) + pitch) % pitch;
    if (zz < 7) return HU.disc;
    if (zz < 8.2 || zz > pitch - 1.2) return HU.cortex; // end plates
    const rr = Math.hypot(x - cx, y - cy) / r;
    return rr > 0.86 ? HU.cortex : HU.cancellous;
  };
}

/** Lung parenchyma: gently mottled (no nodule-like dots: one demo case is about a possible lung metastasis). */
const lungTexture: Texture = (x, y, z) =>
  HU.lung + 25 * Math.sin(x / 4.3 + z / 17) * Math.sin(y / 5.1 - x / 23) + 15 * Math.sin(z / 3.7 + y / 9);

/** Colon contents: mottled stool with gas bubbles. */
const stoolTexture: Texture = (x, y, z) => {
  const f = Math.sin(x / 3.1 + z / 7) * Math.sin(y / 2.7 - x / 9) * Math.sin(z / 3.3 + y / 5);
  return f > 0.35 ? -900 : -40 + 60 * f;
};

/** A CT table (carbon fibre shell over foam) whose top surface is at `yTop`. */
function table(yTop: number, z0: number, z1: number): Shape[] {
  return [
    box('table shell', [-230, yTop, z0], [230, yTop + 14, z1], 120),
    box('table foam', [-226, yTop + 2, z0], [226, yTop + 12, z1], -880),
  ];
}

interface SpineSpec {
  y: number;
  z0: number;
  z1: number;
  bodyR: number;
  pitch: number;
  /** Place the vertebra centre (not a disc) at this z. */
  phase: number;
}

/** Vertebral body, canal, posterior arch and spinous process at x = 0. */
function spine(s: SpineSpec): Shape[] {
  const z = { z0: s.z0, z1: s.z1 };
  return [
    cylinder('posterior arch', { ...z, c0: [0, s.y + s.bodyR + 12], r0: [s.bodyR + 2, 13] }, 600),
    cylinder('spinous process', { ...z, c0: [0, s.y + s.bodyR + 32], r0: [5, 14] }, 600),
    cylinder('transverse processes', { ...z, c0: [0, s.y + s.bodyR + 8], r0: [s.bodyR + 22, 5] }, 500),
    cylinder('spinal canal', { ...z, c0: [0, s.y + s.bodyR + 10], r0: [9, 8] }, 15),
    cylinder(
      'vertebral body',
      { ...z, c0: [0, s.y], r0: [s.bodyR, s.bodyR * 0.9] },
      vertebralBody(0, s.y, s.bodyR, s.pitch, s.phase + s.pitch / 2 - 3.5),
    ),
  ];
}

// ------------------------------------------------------------------------------------------------ cases

/** The mass as documented: full dimensions in mm along the patient axes. */
export interface MassSpec {
  /** Centre in patient coordinates (LPS, mm). */
  center: Vec3;
  /** Full lengths: left-right, anterior-posterior, craniocaudal. */
  lrMm: number;
  apMm: number;
  ccMm: number;
  /** Which dimensions come from the case record and which were assumed. */
  note: string;
  /** Typical HU inside the mass next to its outline, and of what surrounds it (for tests and descriptions). */
  rimHu: number;
  surroundHu: number;
}

/** Pixel grid: an axial stack along z and a coronal stack along y, both through the mass centre. */
export interface GridSpec {
  /** Pixel spacing in mm (square pixels), in both series. */
  spacing: number;
  /** Columns (x) in both series, rows (y) in the axial series. */
  columns: number;
  axialRows: number;
  /** Image centre (x, y) of the axial field of view. */
  center: readonly [number, number];
  /** Slice spacing and thickness, mm. */
  sliceMm: number;
  /** Axial slices cover mass centre z ± this. */
  zHalfRange: number;
  /** Coronal slices cover y from .. to (aligned on the mass centre). */
  yRange: readonly [number, number];
}

export interface PhantomCase {
  key: string;
  mass: MassSpec;
  grid: GridSpec;
  build(): Phantom;
  /** A later study of the same patient (response to treatment): the mass as drawn then, on the same grid. */
  followUp?: { mass: MassSpec; build(): Phantom };
}

// ---------------------------------------------------------------- rp-ddlps: left retroperitoneal DDLPS

const RP_CZ = -150;
const RP_MASS: MassSpec = {
  center: [90, 22, RP_CZ],
  lrMm: 80,
  apMm: 90,
  ccMm: 163,
  note: 'Documented: 16.3 cm tall (craniocaudal) x 8 cm wide (left-right) x 9 cm deep (anterior-posterior).',
  rimHu: 38,
  surroundHu: HU.visceralFat,
};

function buildRpDdlps(): Phantom {
  const cz = RP_CZ;
  const [mx, my] = RP_MASS.center;
  const z0 = cz - 200;
  const z1 = cz + 200;
  const z = { z0, z1 };
  const rnd = prng(seedOf('rp-ddlps anatomy'));
  const shapes: Shape[] = [
    ...table(124, z0, z1),
    cylinder('body (subcutaneous fat)', { ...z, c0: [0, 0], r0: [170, 120], r1: [165, 118] }, HU.fat),
    cylinder('abdominal wall muscle', { ...z, c0: [0, 0], r0: [158, 108], r1: [153, 106] }, HU.muscle),
    cylinder('peritoneal/retroperitoneal fat', { ...z, c0: [0, -2], r0: [150, 100], r1: [145, 98] }, HU.visceralFat),
    cylinder('rectus abdominis (right)', { ...z, c0: [-40, -95], r0: [34, 8] }, HU.muscle),
    cylinder('rectus abdominis (left)', { ...z, c0: [40, -95], r0: [34, 8] }, HU.muscle),
    cylinder('linea alba', { ...z, c0: [0, -104], r0: [4, 6] }, HU.fat),
    cylinder('fat plane between the oblique muscles', { ...z, c0: [0, 0], r0: [154, 104], r1: [149, 102] }, -80, {
      shell: 1.2,
    }),
    // Posterior wall.
    cylinder('right erector spinae', { ...z, c0: [-36, 86], r0: [30, 23] }, HU.muscle),
    cylinder('left erector spinae', { ...z, c0: [36, 86], r0: [30, 23] }, HU.muscle),
    cylinder('right quadratus lumborum', { ...z, c0: [-66, 84], r0: [17, 10] }, HU.muscle),
    cylinder('left quadratus lumborum', { ...z, c0: [66, 84], r0: [17, 10] }, HU.muscle),
    ...spine({ y: 40, z0, z1, bodyR: 20, pitch: 34, phase: cz }),
    // Psoas: small at the top, larger and more lateral towards the pelvis.
    cylinder(
      'right psoas',
      { z0: cz + 130, z1: cz - 200, c0: [-28, 48], c1: [-55, 38], r0: [10, 10], r1: [26, 24] },
      HU.muscle,
    ),
    cylinder(
      'left psoas',
      { z0: cz + 130, z1: cz - 200, c0: [28, 48], c1: [55, 38], r0: [10, 10], r1: [26, 24] },
      HU.muscle,
    ),
    // Pelvis at the bottom of the range.
    cylinder(
      'right iliac wing',
      { z0: cz - 200, z1: cz - 108, c0: [-100, 52], c1: [-88, 48], r0: [34, 7], r1: [26, 5] },
      HU.cortex,
    ),
    cylinder(
      'left iliac wing',
      { z0: cz - 200, z1: cz - 108, c0: [100, 52], c1: [88, 48], r0: [34, 7], r1: [26, 5] },
      HU.cortex,
    ),
    cylinder('right iliacus', { z0: cz - 200, z1: cz - 112, c0: [-96, 34], r0: [30, 10] }, HU.muscle),
    cylinder('left iliacus', { z0: cz - 200, z1: cz - 112, c0: [96, 34], r0: [30, 10] }, HU.muscle),
    // Great vessels.
    cylinder('aorta', { z0: cz - 95, z1: z1, c0: [16, 22], r0: [10, 10] }, HU.blood),
    cylinder('right common iliac artery', { z0: z0, z1: cz - 95, c0: [-40, 30], c1: [0, 24], r0: [6, 6] }, HU.blood),
    cylinder('left common iliac artery', { z0: z0, z1: cz - 95, c0: [34, 32], c1: [10, 24], r0: [6, 6] }, HU.blood),
    cylinder('inferior vena cava', { z0: cz - 105, z1: z1, c0: [-20, 24], r0: [13, 10] }, HU.blood),
    // Solid organs.
    ellipsoid('liver', [-70, 0, cz + 190], [70, 80, 115], HU.liver),
    ellipsoid('gallbladder', [-60, -45, cz + 95], [14, 13, 28], 8),
    ellipsoid('spleen', [100, 40, cz + 168], [42, 45, 60], HU.spleen),
    ellipsoid('right kidney', [-78, 42, cz + 70], [26, 20, 55], HU.kidney),
    ellipsoid('right renal sinus', [-68, 36, cz + 70], [8, 7, 22], -60),
    ellipsoid('left kidney (displaced)', [103, 46, cz + 98], [26, 21, 55], HU.kidney),
    // Hydronephrosis: dilated left renal pelvis and calyces.
    ellipsoid('left renal pelvis (hydronephrosis)', [93, 40, cz + 96], [13, 11, 28], HU.water),
    ellipsoid('left upper calyx', [108, 46, cz + 128], [8, 8, 10], HU.water),
    ellipsoid('left lower calyx', [110, 48, cz + 70], [8, 7, 9], HU.water),
    ellipsoid('pancreas', [0, -10, cz + 120], [60, 12, 16], 45),
    ellipsoid('stomach', [55, -55, cz + 160], [42, 32, 48], (x, y) => (y < -68 ? -950 : 15)),
    // Colon.
    cylinder('ascending colon', { z0: cz - 160, z1: cz + 80, c0: [-112, -10], r0: [19, 17] }, HU.bowelWall),
    cylinder('ascending colon content', { z0: cz - 158, z1: cz + 78, c0: [-112, -10], r0: [16, 14] }, stoolTexture),
    cylinder('descending colon', { z0: cz - 160, z1: cz + 100, c0: [124, -8], r0: [16, 15] }, HU.bowelWall),
    cylinder('descending colon content', { z0: cz - 158, z1: cz + 98, c0: [124, -8], r0: [13, 12] }, stoolTexture),
    ellipsoid('transverse colon', [-5, -68, cz + 92], [112, 18, 17], HU.bowelWall),
    ellipsoid('transverse colon content', [-5, -68, cz + 92], [108, 15, 14], stoolTexture),
  ];
  // Small-bowel loops with mesenteric vessels, packed into the free peritoneal space: kept clear of the organs and
  // at least 14 mm from the mass, so every edge of the mass is soft tissue against fat.
  const avoid: [Vec3, Vec3][] = [
    [
      [mx, my, cz],
      [RP_MASS.lrMm / 2, RP_MASS.apMm / 2, RP_MASS.ccMm / 2],
    ],
    [
      [-70, 0, cz + 190],
      [70, 80, 115],
    ], // liver
    [
      [100, 40, cz + 168],
      [42, 45, 60],
    ], // spleen
    [
      [55, -55, cz + 160],
      [42, 32, 48],
    ], // stomach
    [
      [-78, 42, cz + 70],
      [26, 20, 55],
    ], // right kidney
    [
      [103, 46, cz + 98],
      [26, 21, 55],
    ], // left kidney
    [
      [0, -10, cz + 120],
      [60, 12, 16],
    ], // pancreas
    [
      [-5, -68, cz + 92],
      [112, 18, 17],
    ], // transverse colon
    [
      [-112, -10, cz - 40],
      [19, 17, 120],
    ], // ascending colon
    [
      [124, -8, cz - 30],
      [16, 15, 130],
    ], // descending colon
    [
      [0, 30, cz],
      [48, 40, 400],
    ], // spine, great vessels, psoas
  ];
  let loops = 0;
  for (let attempt = 0; attempt < 4000 && loops < 150; attempt++) {
    const r: Vec3 = [8 + rnd() * 7, 7 + rnd() * 5, 9 + rnd() * 12];
    const p: Vec3 = [-130 + rnd() * 260, -92 + rnd() * 110, cz - 140 + rnd() * 270];
    const reach = Math.max(r[0], r[1], r[2]);
    const inCavity = (p[0] / (145 - reach)) ** 2 + ((p[1] + 2) / (95 - r[1])) ** 2 < 1;
    const clear = avoid.every(([c, a], k) => {
      const g = reach + (k === 0 ? 14 : 1);
      return (
        ((p[0] - c[0]) / (a[0] + g)) ** 2 + ((p[1] - c[1]) / (a[1] + g)) ** 2 + ((p[2] - c[2]) / (a[2] + g)) ** 2 > 1
      );
    });
    if (!inCavity || !clear) continue;
    const gas = rnd() < 0.25;
    const content = gas ? (_x: number, y: number) => (y < p[1] - 2 ? -950 : 12) : 8 + rnd() * 20;
    shapes.push(ellipsoid(`small bowel ${loops} wall`, p, r, HU.bowelWall));
    shapes.push(ellipsoid(`small bowel ${loops} lumen`, p, [r[0] - 2.2, r[1] - 2.2, r[2] - 2.2], content));
    avoid.push([p, r]);
    loops++;
  }
  for (let i = 0; i < 12; i++) {
    const x = -60 + rnd() * 90;
    const y = -45 + rnd() * 35;
    shapes.push(
      cylinder(
        `mesenteric vessel ${i}`,
        { z0: cz - 120, z1: cz + 110, c0: [x, y], c1: [x + (rnd() - 0.5) * 50, y - 20 * rnd()], r0: [2.5, 2.5] },
        HU.blood,
      ),
    );
  }
  // The mass: dedifferentiated (soft-tissue) component throughout, with a well-differentiated fatty component with
  // septa in its cranial half, kept ~1 cm inside the outline so the outline is soft tissue against fat everywhere.
  const [a, b, c] = [RP_MASS.lrMm / 2, RP_MASS.apMm / 2, RP_MASS.ccMm / 2];
  shapes.push(
    ellipsoid('DDLPS (dedifferentiated component)', [mx, my, cz], [a, b, c], heterogeneous(RP_MASS.rimHu, 10), {
      edge: 1.5,
    }),
  );
  shapes.push(
    ellipsoid(
      'DDLPS extension into the left kidney',
      [mx + 24, my + 14, cz + 62],
      [14, 12, 16],
      heterogeneous(RP_MASS.rimHu, 8),
    ),
  );
  shapes.push(
    ellipsoid(
      'DDLPS (well-differentiated fatty component)',
      [mx + 4, my - 6, cz + 28],
      [a - 12, b - 14, 44],
      septatedFat(-80, 20, 0.7),
      { edge: 2 },
    ),
  );
  shapes.push(
    ellipsoid('DDLPS nodule (hypodense, necrotic)', [mx - 10, my + 14, cz - 40], [14, 13, 18], heterogeneous(18, 6), {
      edge: 3,
    }),
  );
  return new Phantom(shapes, { seed: seedOf('rp-ddlps') });
}

// ---------------------------------------------------------------- back-lps: upper back liposarcoma

const BACK_CZ = -40;
const BACK_MASS: MassSpec = {
  center: [-60, 128, BACK_CZ],
  lrMm: 80,
  apMm: 70,
  ccMm: 70,
  note:
    'Documented: 7 x 8 cm (two dimensions, axes not stated; drawn as 8 cm left-right x 7 cm anterior-posterior). ' +
    'Assumed, not documented: 7 cm craniocaudal, right side, deep to a thin muscle layer.',
  rimHu: -85,
  surroundHu: HU.muscle,
};

/**
 * The x interval, on one side (`side` -1: x < 0, +1: x > 0), of the band within `g` mm of the ellipse path
 * (a, b) centred at (0, cy), on the line at y; null when the line misses it.
 */
function bandSpan(side: -1 | 1, y: number, cy: number, a: number, b: number, g: number): [number, number] | null {
  const dy = y - cy;
  if (Math.abs(dy) >= b + g) return null;
  const outer = (a + g) * Math.sqrt(1 - (dy / (b + g)) ** 2);
  const inner = Math.abs(dy) < b - g ? (a - g) * Math.sqrt(1 - (dy / (b - g)) ** 2) : 0;
  return side < 0 ? [-outer, -inner] : [inner, outer];
}

/** The ribs of one side: bands around the chest wall on an ellipse path, posterior ends higher than anterior. */
function ribs(side: -1 | 1, cy: number, pathA: number, pathB: number, zTop: number, zBottom: number): Shape {
  const pitch = 27;
  const drop = 110;
  const halfT = 4.5; // radial half-thickness
  const halfH = 6; // craniocaudal half-height
  const edge = 1;
  const reach = halfT + edge + 3;
  const sd = (x: number, y: number, z: number) => {
    if (Math.abs(x) < 30 && y < cy) return 99; // sternum / costal cartilage gap
    if (Math.abs(x) < 22 && y > cy) return 99; // vertebral column
    const u = x / pathA;
    const v = (y - cy) / pathB;
    const s = Math.sqrt(u * u + v * v);
    if (s < 0.5) return 99;
    const g = Math.sqrt((u / pathA) ** 2 + (v / pathB) ** 2);
    const radial = ((s - 1) * s) / g;
    const sinT = v / s; // +1 posterior, -1 anterior
    const lift = (drop * (1 - sinT)) / 2;
    // Nearest rib: rib k has its posterior end at zTop - k * pitch.
    const k = Math.round((zTop - lift - z) / pitch);
    if (k < 0 || zTop - k * pitch < zBottom) return 99;
    const zr = zTop - k * pitch - lift;
    return Math.max(Math.abs(radial) - halfT, Math.abs(z - zr) - halfH);
  };
  const xMax = pathA + reach;
  return {
    name: side < 0 ? 'right ribs' : 'left ribs',
    edge,
    hu: (x, y) => {
      const u = x / pathA;
      const v = (y - cy) / pathB;
      const s = Math.sqrt(u * u + v * v);
      const g = Math.sqrt((u / pathA) ** 2 + (v / pathB) ** 2);
      const d = Math.abs(((s - 1) * s) / g);
      return d > halfT - 1.6 ? HU.cortex : 260;
    },
    box: [side < 0 ? -xMax : 0, side < 0 ? 0 : xMax, cy - pathB - reach, cy + pathB + reach, zBottom - drop, zTop],
    sd,
    row: (y, z, p, o) => {
      const span = bandSpan(side, y, cy, pathA, pathB, reach);
      if (!span) return false;
      p[o] = span[0];
      p[o + 1] = span[1];
      p[o + 2] = ROW_GENERIC;
      return true;
    },
  };
}

/** Scapula: a thin curved plate behind the ribs, lateral to the spine. */
function scapula(side: -1 | 1, cy: number, pathA: number, pathB: number, zTop: number, zBottom: number): Shape {
  const halfT = 2.5;
  const edge = 1;
  const xIn = 48;
  const xOut = 128;
  return {
    name: side < 0 ? 'right scapula' : 'left scapula',
    edge,
    hu: HU.cortex - 150,
    box:
      side < 0
        ? [-xOut - edge, -xIn + edge, cy, cy + pathB + 5, zBottom, zTop]
        : [xIn - edge, xOut + edge, cy, cy + pathB + 5, zBottom, zTop],
    sd: (x, y, z) => {
      const ax = side * x;
      // The blade narrows towards its inferior angle.
      const t = (zTop - z) / (zTop - zBottom);
      const inner = xIn + 30 * t * t;
      const outer = xOut - 40 * t;
      const u = x / pathA;
      const v = (y - cy) / pathB;
      const s = Math.sqrt(u * u + v * v);
      const g = Math.sqrt((u / pathA) ** 2 + (v / pathB) ** 2);
      const radial = ((s - 1) * s) / g;
      return Math.max(Math.abs(radial) - halfT, inner - ax, ax - outer, z - zTop, zBottom - z, cy + 20 - y);
    },
    row: (y, z, p, o) => {
      const span = bandSpan(side, y, cy, pathA, pathB, halfT + edge + 3);
      if (!span) return false;
      p[o] = span[0];
      p[o + 1] = span[1];
      p[o + 2] = ROW_GENERIC;
      return true;
    },
  };
}

function buildBackLps(): Phantom {
  const cz = BACK_CZ;
  const [mx, my] = BACK_MASS.center;
  const z0 = cz - 120;
  const z1 = cz + 120;
  const z = { z0, z1 };
  const [a, b, c] = [BACK_MASS.lrMm / 2, BACK_MASS.apMm / 2, BACK_MASS.ccMm / 2];
  const capsule = 5;
  const shapes: Shape[] = [
    ...table(180, z0, z1),
    cylinder('body (subcutaneous fat)', { z0, z1, c0: [0, 0], r0: [160, 108], r1: [168, 114] }, HU.fat),
    // The lump lifts the skin of the upper back into a broad dome.
    ellipsoid('lump (subcutaneous fat over the mass)', [mx, my - 12, cz], [a + 34, b + 27, c + 26], HU.fat, {
      edge: 2,
    }),
    cylinder('chest wall muscle', { z0, z1, c0: [0, 0], r0: [150, 99], r1: [158, 105] }, HU.muscle),
    // The thoracic cavity is lung, apart from the mediastinum; larger towards the base.
    cylinder('lungs', { z0, z1, c0: [0, -2], r0: [130, 82], r1: [138, 88] }, lungTexture),
    scapula(-1, 0, 146, 97, cz + 75, cz - 110),
    scapula(1, 0, 146, 97, cz + 75, cz - 110),
    ribs(-1, -2, 139, 89, cz + 95, cz - 120),
    ribs(1, -2, 139, 89, cz + 95, cz - 120),
    cylinder('sternum', { z0, z1: cz + 60, c0: [0, -94], r0: [16, 6] }, 450),
    cylinder('mediastinum', { z0, z1, c0: [2, -14], c1: [6, -20], r0: [30, 72], r1: [44, 66] }, -80),
    cylinder('right paraspinal muscles', { ...z, c0: [-32, 80], r0: [25, 22] }, HU.muscle),
    cylinder('left paraspinal muscles', { ...z, c0: [32, 80], r0: [25, 22] }, HU.muscle),
    ellipsoid('heart', [12, -28, cz - 150], [70, 55, 95], 40),
    ellipsoid('pericardial fat', [40, -50, cz - 75], [22, 14, 20], -90),
    ...spine({ y: 46, z0, z1, bodyR: 17, pitch: 27, phase: cz + 95 - 13.5 }),
    // Mediastinum.
    cylinder(
      'ascending aorta / arch',
      { z0: cz - 80, z1: cz + 30, c0: [8, -26], c1: [12, -20], r0: [16, 16] },
      HU.blood,
    ),
    cylinder('descending aorta', { z0, z1: cz + 30, c0: [24, 34], r0: [12, 12] }, HU.blood),
    ellipsoid('aortic arch', [18, 6, cz + 32], [14, 34, 12], HU.blood),
    cylinder('superior vena cava', { z0: cz - 60, z1, c0: [-26, -20], r0: [10, 11] }, HU.blood),
    cylinder('brachiocephalic artery', { z0: cz + 40, z1, c0: [-8, -12], r0: [7, 7] }, HU.blood),
    cylinder('left carotid artery', { z0: cz + 40, z1, c0: [12, -6], r0: [5, 5] }, HU.blood),
    cylinder('left subclavian artery', { z0: cz + 40, z1, c0: [26, 6], r0: [6, 6] }, HU.blood),
    cylinder('trachea wall', { z0: cz - 20, z1, c0: [0, 6], r0: [11, 10] }, 60),
    cylinder('trachea', { z0: cz - 20, z1, c0: [0, 6], r0: [9, 8] }, HU.air),
    ellipsoid('carina / right main bronchus', [-16, 12, cz - 32], [10, 7, 16], HU.air),
    ellipsoid('left main bronchus', [18, 14, cz - 36], [10, 7, 16], HU.air),
    cylinder('oesophagus', { z0, z1, c0: [6, 26], r0: [7, 6] }, HU.muscle - 10),
    // The mass: fatty liposarcoma with thin septa in a thin muscle envelope (stretched trapezius/rhomboids).
    ellipsoid('muscle envelope', [mx, my, cz], [a + capsule, b + capsule, c + capsule], HU.muscle, { edge: 1 }),
    // Septa fade out in the outer 4 mm so that the outline is fat against muscle all round.
    ellipsoid(
      'liposarcoma',
      [mx, my, cz],
      [a, b, c],
      fadeNearOutline([mx, my, cz], [a, b, c], 4, septatedFat(BACK_MASS.rimHu, 15, 1.2), BACK_MASS.rimHu),
    ),
  ];
  return new Phantom(shapes, { seed: seedOf('back-lps') });
}

/** `inner` inside an ellipsoid, blending to the constant `margin` over its outer `width` mm. */
function fadeNearOutline(c: Vec3, r: Vec3, width: number, inner: Texture, margin: number): Texture {
  return (x, y, z) => {
    const d = -ellipsoidSd(x - c[0], y - c[1], z - c[2], r[0], r[1], r[2]);
    if (d >= width) return inner(x, y, z);
    const t = clamp01(d / width);
    return margin + t * (inner(x, y, z) - margin);
  };
}

// ---------------------------------------------------------------- thigh-ilms: deep right thigh mass

const THIGH_CZ = -420;
const THIGH_MASS: MassSpec = {
  center: [-120, -30, THIGH_CZ],
  lrMm: 60,
  apMm: 60,
  ccMm: 60,
  note: 'Documented: 6 cm, deep, well circumscribed (one dimension only; drawn as a 6 cm sphere).',
  rimHu: 40,
  surroundHu: -80,
};

/**
 * The thigh mass on the restaging CT after preoperative radiotherapy (issue 13, response to treatment): the same
 * sphere, its diameter 12% smaller (60 -> 52.8 mm) and its density 20% lower (40 -> 32 HU). RECIST 1.1 counts the
 * diameter: -12% is stable disease (PR needs at least 30% down); Choi also counts density: -20% is a partial
 * response (density down at least 15%). The case history states these amounts (generate.ts checks it).
 */
export const THIGH_FOLLOW_UP = { sizeFactor: 0.88, densityFactor: 0.8 } as const;
/** Rounded to 0.01 (60 x 0.88 is 52.800000000000004 in floating point). */
const times = (v: number, f: number) => Math.round(v * f * 100) / 100;
const THIGH_MASS_FOLLOW_UP: MassSpec = {
  center: THIGH_MASS.center,
  lrMm: times(THIGH_MASS.lrMm, THIGH_FOLLOW_UP.sizeFactor),
  apMm: times(THIGH_MASS.apMm, THIGH_FOLLOW_UP.sizeFactor),
  ccMm: times(THIGH_MASS.ccMm, THIGH_FOLLOW_UP.sizeFactor),
  note:
    'Restaging after preoperative radiotherapy: the documented 6 cm mass drawn 12% smaller (5.28 cm sphere) ' +
    'and 20% less dense (40 -> 32 HU).',
  rimHu: times(THIGH_MASS.rimHu, THIGH_FOLLOW_UP.densityFactor),
  surroundHu: THIGH_MASS.surroundHu,
};

/**
 * One thigh. `side` -1 is the right thigh (at negative x), +1 the left. Local coordinates: `lat` grows laterally,
 * `ant` anteriorly.
 */
function thigh(side: -1 | 1, cx: number, z0: number, z1: number): Shape[] {
  const z = { z0, z1 };
  const at = (lat: number, ant: number): [number, number] => [cx + side * lat, -ant];
  // Muscles fill the fascia; thin fat planes outline the muscle bellies.
  const planes: [string, number, number, number, number][] = [
    ['rectus femoris', 4, 52, 19, 14],
    ['sartorius', -52, 8, 9, 12],
    ['adductor longus', -54, -10, 12, 15],
    ['gracilis', -66, -32, 6, 13],
    ['biceps femoris', 32, -46, 22, 20],
    ['semitendinosus', -30, -50, 12, 12],
    // Lateral and posterior intermuscular septa (flat, so drawn as very thin ellipses).
    ['lateral intermuscular septum', 48, -16, 24, 0.1],
    ['posterior intermuscular septum', -30, -26, 22, 0.1],
  ];
  const name = side < 0 ? 'right' : 'left';
  const shapes: Shape[] = [
    cylinder(`${name} thigh (subcutaneous fat)`, { ...z, c0: at(0, 0), r0: [85, 80], r1: [80, 76] }, HU.fat),
    cylinder(`${name} thigh muscles`, { ...z, c0: at(0, 0), r0: [76, 71], r1: [72, 68] }, HU.muscle),
    cylinder(`${name} deep fascia`, { ...z, c0: at(0, 0), r0: [76, 71], r1: [72, 68] }, 20, { shell: 1 }),
  ];
  for (const [m, lat, ant, rl, ra] of planes) {
    shapes.push(cylinder(`${name} ${m} fat plane`, { ...z, c0: at(lat, ant), r0: [rl, ra] }, -70, { shell: 1.4 }));
  }
  shapes.push(
    cylinder(`${name} adductor canal fat`, { ...z, c0: at(-38, 6), r0: [10, 9] }, -85),
    cylinder(`${name} femoral artery`, { ...z, c0: at(-40, 8), r0: [4, 4] }, HU.blood),
    cylinder(`${name} femoral vein`, { ...z, c0: at(-34, 3), r0: [5, 4.5] }, HU.blood),
    cylinder(`${name} sciatic fat`, { ...z, c0: at(10, -36), r0: [7, 6] }, -85),
    cylinder(`${name} sciatic nerve`, { ...z, c0: at(10, -36), r0: [4, 3.5] }, 25),
    cylinder(`${name} femur`, { ...z, c0: at(-10, -15), r0: [15, 15] }, 900),
    cylinder(`${name} femoral marrow`, { ...z, c0: at(-10, -15), r0: [9, 9] }, -10),
  );
  return shapes;
}

function buildThighIlms(mass: MassSpec = THIGH_MASS): Phantom {
  const cz = THIGH_CZ;
  const z0 = cz - 130;
  const z1 = cz + 130;
  const [mx, my] = mass.center;
  const r = mass.lrMm / 2;
  const shapes: Shape[] = [
    ...table(86, z0, z1),
    ...thigh(-1, -100, z0, z1),
    ...thigh(1, 100, z0, z1),
    // Well circumscribed deep mass with a thin fat plane around it (displacing vastus lateralis / intermedius).
    ellipsoid('fat plane around the mass', [mx, my, cz], [r + 4, r + 4, r + 4], mass.surroundHu),
    // A gentle texture (3 HU at baseline, scaled with the density): an ellipse's mean density is then the drawn value
    // to within about 0.5 HU, so the measured change is the documented one (Choi counts density).
    ellipsoid(
      'inflammatory leiomyosarcoma',
      [mx, my, cz],
      [r, r, r],
      heterogeneous(mass.rimHu, (3 * mass.rimHu) / THIGH_MASS.rimHu, 0.8),
    ),
  ];
  return new Phantom(shapes, { seed: seedOf('thigh-ilms') });
}

/** The demo cases with a documented tumour size, keyed by demo case key. */
export const PHANTOM_CASES: Readonly<Record<string, PhantomCase>> = {
  'rp-ddlps': {
    key: 'rp-ddlps',
    mass: RP_MASS,
    grid: {
      spacing: 0.78125,
      columns: 512,
      axialRows: 512,
      center: [0, 0],
      sliceMm: 5,
      zHalfRange: 125,
      yRange: [-125, 140],
    },
    build: buildRpDdlps,
  },
  'back-lps': {
    key: 'back-lps',
    mass: BACK_MASS,
    grid: {
      spacing: 0.78125,
      columns: 512,
      axialRows: 512,
      center: [0, 40],
      sliceMm: 5,
      zHalfRange: 80,
      yRange: [-115, 185],
    },
    build: buildBackLps,
  },
  'thigh-ilms': {
    key: 'thigh-ilms',
    mass: THIGH_MASS,
    grid: {
      spacing: 0.75,
      columns: 512,
      axialRows: 512,
      center: [0, 0],
      sliceMm: 5,
      zHalfRange: 90,
      yRange: [-85, 95],
    },
    build: () => buildThighIlms(),
    followUp: { mass: THIGH_MASS_FOLLOW_UP, build: () => buildThighIlms(THIGH_MASS_FOLLOW_UP) },
  },
};
