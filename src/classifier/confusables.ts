// Letters that look like ASCII but are not, folded to the ASCII letter a reader sees.
// NFKD already handles fullwidth forms, mathematical alphanumerics, circled letters and
// superscripts (they have compatibility decompositions); this table covers what Unicode does
// not decompose: Cyrillic/Greek look-alikes, small capitals, IPA letters, enclosed/squared
// emoji letters. Source: the "MA" pairs of Unicode's confusables.txt (UTS #39) that map to a
// single ASCII letter, restricted to the scripts attackers actually use for evasion.

/** Pairs: each even index is a confusable, the next character its ASCII fold (lowercase). */
const PAIRS =
  // Cyrillic lowercase
  'аaвbеeёeкkмmнhоoрpсcтtуyхxѕsіiїiјjԁdԛqԝwһhӏlьbԍgӻfҽeҫcӽxօo' +
  // Cyrillic uppercase
  'АaВbЕeЁeКkМmНhОoРpСcТtУyХxЅsІiЇiЈjԀdԚqԜwҺhӀlЬb' +
  // Greek
  'αaβbγyεeηnιiκkνvοoρpτtυuχxωwΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧxϲcϳj' +
  // Latin look-alikes without decompositions: dotless i, long s, IPA and small capitals
  'ıiſsɑaɡgɩiʟlɪiᴀaʙbᴄcᴅdᴇeꜰfɢgʜhᴊjᴋkᴍmɴnᴏoᴘpǫqʀrꜱsᴛtᴜuᴠvᴡwʏyᴢzƅbƖlǀl';

const TABLE = new Map<number, string>();
for (let i = 0; i < PAIRS.length; i += 2) TABLE.set(PAIRS.charCodeAt(i), PAIRS[i + 1]);

/** ASCII fold of one code point, or undefined when it is not a known confusable. */
export function foldConfusable(cp: number): string | undefined {
  if (cp < 0x80) return undefined;
  const hit = TABLE.get(cp);
  if (hit !== undefined) return hit;
  // 🄰-🅉 squared, 🅐-🅩 negative circled, 🅰-🆉 negative squared Latin capitals.
  if (cp >= 0x1f130 && cp <= 0x1f149) return String.fromCharCode(97 + cp - 0x1f130);
  if (cp >= 0x1f150 && cp <= 0x1f169) return String.fromCharCode(97 + cp - 0x1f150);
  if (cp >= 0x1f170 && cp <= 0x1f189) return String.fromCharCode(97 + cp - 0x1f170);
  // Regional indicator symbols 🇦-🇿 (rendered as letters when not paired into flags).
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return String.fromCharCode(97 + cp - 0x1f1e6);
  return undefined;
}

/** True for letters of scripts whose look-alikes we fold (so mixed-script words are spotted). */
export function isConfusable(cp: number): boolean {
  return foldConfusable(cp) !== undefined;
}

// Word boundaries for folding: whitespace and ASCII punctuation.
function isBoundary(c: number): boolean {
  return c <= 0x20 || (c < 0x80 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

const LETTER = /\p{L}/u;

/**
 * Folds look-alikes to ASCII inside words that are (mostly) Latin or made only of look-alikes;
 * a genuine Cyrillic or Greek word (a letter outside the look-alike set, no ASCII) is kept.
 * Linear: only words containing a non-ASCII character are examined, each once.
 */
export function foldWords(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    let start = i;
    while (start > 0 && !isBoundary(text.charCodeAt(start - 1))) start--;
    let end = i;
    while (end < text.length && !isBoundary(text.charCodeAt(end))) end++;
    const word = text.slice(start, end);
    let ascii = 0;
    let other = 0;
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) ascii++;
      else if (foldConfusable(cp) === undefined && LETTER.test(ch)) other++;
    }
    if (!(other > 0 && ascii === 0)) {
      let folded = '';
      for (const ch of word) folded += foldConfusable(ch.codePointAt(0)!) ?? ch;
      if (folded !== word) {
        out += text.slice(from, start) + folded;
        from = end;
      }
    }
    i = end;
  }
  return from === 0 ? text : out + text.slice(from);
}
