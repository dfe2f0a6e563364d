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
