// Public surface of the sanctions package: list parsers and the name matcher (pure, no I/O).
export * from './csv.reader.ts';
export * from './ofac.remarks.parser.ts';
export * from './ofac.csv.parser.ts';
export * from './ofac.xml.parser.ts';
export * from './ftm.parser.ts';
export * from './linked.relations.ts';
export * from './sanctions.matcher.ts';
export * from './sanctions.files.parser.ts';
export * from './common.surnames.ts';
export * from './screening.rules.ts';
export * from './screening.stage.ts';
export * from './ownership.trace.ts';
