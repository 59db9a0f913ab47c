// Sanctions lists as Echotrace keeps them: one shape for OFAC (CSV or XML) and OpenSanctions
// (FollowTheMoney), so that matching, storage and reports need not know where an entry came from.

export type SanctionedKind = 'person' | 'organization' | 'vessel' | 'aircraft';

export interface SanctionsAlias {
  readonly name: string;
  /** 'aka' (also known as), 'fka' (formerly), 'nka' (now known as); `weak` for OFAC's low-quality a.k.a. */
  readonly kind: 'aka' | 'fka' | 'nka';
  readonly weak?: boolean;
}

export interface SanctionsIdentifier {
  /** As the list names it: "Tax ID No.", "National ID No.", "Passport", "IMO", "registrationNumber". */
  readonly kind: string;
  readonly value: string;
  readonly country?: string;
}

export interface SanctionsAddress {
  readonly street?: string;
  readonly city?: string;
  readonly country?: string;
  readonly full?: string;
}

export interface SanctionsEntry {
  /** The list's own id of the entry (OFAC ent_num, OpenSanctions entity id). */
  readonly id: string;
  /** Which list: 'ofac-sdn', 'opensanctions', or a name given at import. */
  readonly list: string;
  readonly kind: SanctionedKind;
  /** Primary name as the list writes it ("MALOFEYEV, Konstantin"). */
  readonly name: string;
  readonly aliases: readonly SanctionsAlias[];
  /** Sanctions programs ("RUSSIA-EO14024", "UKRAINE-EO13660", EU regime names). */
  readonly programs: readonly string[];
  /** ISO dates (YYYY-MM-DD) the entry was listed, when the list says. */
  readonly listedOn: readonly string[];
  readonly identifiers: readonly SanctionsIdentifier[];
  /** Dates of birth as written or ISO ("1974-07-03", "1952"). */
  readonly birthDates: readonly string[];
  readonly addresses: readonly SanctionsAddress[];
  readonly title?: string;
  readonly remarks?: string;
  /** Country codes or names (nationality, citizenship, registration). */
  readonly countries: readonly string[];
}

export type SanctionsRelationKind = 'linked-to' | 'ownership' | 'directorship' | 'family' | 'associate';

export interface SanctionsRelation {
  readonly list: string;
  /** Entry id of the subject (owner, director, person whose relative is named). */
  readonly fromId: string;
  readonly kind: SanctionsRelationKind;
  /** Entry id of the object when the list resolves it. */
  readonly toId?: string;
  /** Name of the object as the list writes it (always set for OFAC "Linked To:"). */
  readonly toName?: string;
  /** Role, share or relationship as written ("subsidiary of", "37000 shares", "Family member of"). */
  readonly detail?: string;
  readonly startDate?: string;
  readonly endDate?: string;
}

/** A row or record that could not be read: reported with its position, the rest of the file kept. */
export interface SanctionsParseIssue {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

export interface ParsedSanctionsList {
  readonly list: string;
  /** Publication date of the list when the file states it (XML Publish_Date), ISO. */
  readonly publishedOn?: string;
  readonly entries: SanctionsEntry[];
  readonly relations: SanctionsRelation[];
  readonly issues: SanctionsParseIssue[];
}
