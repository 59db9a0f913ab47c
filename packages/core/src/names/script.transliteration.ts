// Any script → plain Latin letters, for comparing names written in different scripts. Cyrillic goes
// through our own press-style table (it is the script that matters most here); a few alphabet-specific
// spellings are fixed before the generic any-ascii tables handle everything else.
import anyAscii from 'any-ascii';
import { transliterateCyrillic } from './cyrillic.transliteration.ts';

// Scripts whose transliterations lose or invent vowels and merge consonants (no p/v in Arabic, no l/r
// in Korean and Japanese, inherent vowels in Indic scripts, syllabic Chinese): names from them are
// compared on a coarser consonant skeleton.
const ALPHABETIC_SCRIPTS =
  /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}\P{L}]*$/u;

/** True when the text contains letters of a script whose romanization is lossy (Arabic, Han, …). */
export function isLossyScript(text: string): boolean {
  return !ALPHABETIC_SCRIPTS.test(text);
}

function fixAlphabetSpellings(text: string): string {
  return (
    text
      // Greek: ου is u, ντ and μπ at least often transcribe d and b in foreign names.
      .replace(/ου/g, 'u')
      .replace(/ΟΥ|Ου/g, 'U')
      .replace(/ού/g, 'ú')
      .replace(/ντ/g, 'd')
      .replace(/Ντ|ΝΤ/g, 'D')
      .replace(/μπ/g, 'b')
      .replace(/Μπ|ΜΠ/g, 'B')
      // Armenian: ու is u.
      .replace(/ու/g, 'u')
      .replace(/Ու/g, 'U')
      // Georgian adds a nominative -ი to consonant-final foreign names (პუტინი = Putin).
      .replace(/([\u10D0-\u10FA]{2,})ი(?![\u10D0-\u10FA])/g, (word: string, stem: string) =>
        /[აეიოუ]$/.test(stem) ? word : stem,
      )
      // Name separators of East Asian scripts (katakana middle dot, interpunct).
      .replace(/[・·•‧]/g, ' ')
  );
}

/**
 * Latin letters for a text in any script: Cyrillic by the press system, other scripts by any-ascii
 * after alphabet-specific fixes, diacritics removed. Syllable-joined romanizations (Korean, Chinese)
 * come out as one word per original word.
 */
export function toLatin(text: string): string {
  const fixed = fixAlphabetSpellings(text.normalize('NFC'));
  const cyrillicDone = transliterateCyrillic(fixed, 'press');
  return cyrillicDone
    .split(/(\s+)/)
    .map((part) => {
      if (/^\s+$/.test(part)) return ' ';
      return anyAscii(part);
    })
    .join('');
}
