// Parameters of near-duplicate detection, in one place: the signature scheme name records those
// that change stored signatures, so a store knows when its signatures must be recomputed.

export interface DedupeConfig {
  /** Words per shingle. Three keeps same-topic texts apart while surviving word-level edits. */
  shingleSize: number;
  /** MinHash permutations per signature; `bands × rows` of them are used for LSH. */
  permutations: number;
  bands: number;
  rows: number;
  /**
   * Shingles per window. Long documents are also signed in overlapping windows of this size (step
   * half of it), so that a short post quoting one passage collides with the window holding it.
   */
  windowShingles: number;
  /**
   * Windows are filed under only the first this many bands: a quoted passage matches its window
   * closely (J ≥ 0.5), so fewer bands find it, and windows are most of a long text's postings.
   */
  windowBands: number;
  /** Windows beyond this many are not signed: quotes are looked for in the first part of long texts. */
  maxWindows: number;
  /** Documents with fewer distinct shingles are signed but never grouped (too short to tell). */
  minShingles: number;
  /** Two documents are copies when their estimated Jaccard index reaches this… */
  jaccardThreshold: number;
  /** …or when this share of the smaller one's shingles is estimated to occur in the other… */
  containmentThreshold: number;
  /** …and the smaller one has at least this many shingles (a headline alone is not a copy)… */
  minContainmentShingles: number;
  /** …and the compared signatures agree on at least this share (below it the estimate is noise). */
  minContainmentJaccard: number;
  /**
   * Lines of at most this many words that earlier documents repeated `boilerplateRepeats` times
   * (channel signatures, "subscribe" lines, rubric headers) are left out of later signatures.
   */
  boilerplateLineWords: number;
  boilerplateRepeats: number;
  /**
   * A match where the smaller text covers less than this share of the larger one is nesting (a
   * quote, a digest): a document nests others from one group only, so digests do not chain stories.
   */
  nestedCoverage: number;
  /**
   * An LSH bucket keeps its first this many entries: bounds work on boilerplate, and a large group
   * stays reachable through its first members.
   */
  bucketLimit: number;
  /**
   * Two texts that replace each other's figures (or names) are not copies, however alike their
   * wording: a match is refused when each has figures the other lacks making up at least this
   * share of its own (fact.extractor). 0 turns the check off.
   */
  factConflictShare: number;
  /**
   * Names put in another's place part texts only when neither has more shingles than this
   * (one-sentence posts). Longer rewrites and updates change a name here and there and are still
   * copies; 12 is the largest value that leaves the dedupe benchmark's recall where it was.
   */
  nameCheckShingles: number;
  seed: number;
}

export const DEFAULT_DEDUPE_CONFIG: DedupeConfig = Object.freeze({
  shingleSize: 3,
  permutations: 128,
  bands: 42,
  rows: 3,
  windowShingles: 40,
  maxWindows: 24,
  windowBands: 30,
  minShingles: 4,
  jaccardThreshold: 0.3,
  containmentThreshold: 0.6,
  minContainmentShingles: 12,
  minContainmentJaccard: 0.1,
  boilerplateLineWords: 16,
  boilerplateRepeats: 8,
  nestedCoverage: 0.6,
  bucketLimit: 64,
  factConflictShare: 0.3,
  nameCheckShingles: 12,
  seed: 0x5eed1e55,
});

/** The name of the stored signature format under this configuration. */
export function signatureScheme(config: DedupeConfig): string {
  return `minhash16-${config.permutations}-s${config.shingleSize}-w${config.windowShingles}x${config.maxWindows}-seed${config.seed.toString(16)}-b${config.boilerplateLineWords}x${config.boilerplateRepeats}-v2`;
}
