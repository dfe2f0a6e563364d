// Word classes: every word of a class also emits the class's own feature. A rare insult, slur
// or drug name seen a handful of times in training gets little weight of its own; its class,
// seen thousands of times, does — so the model transfers to words and spellings the training
// sources never used. Lists are lower-case, as the normalized text is; common inflections
// (-s, -es, -ed, -ing, -er, -ers) are added when the table is built.
//
// Sources: general knowledge of the categories in public harm and toxicity taxonomies
// (e.g. the OpenAI moderation categories, Jigsaw's toxicity attributes, MLCommons AILuminate
// hazard categories); the word lists are ours.

const CLASSES: Record<string, string> = {
  profanity:
    'fuck fucker fuckin fucking motherfucker shit shitty bullshit crap damn goddamn hell ass arse asshole dick dickhead cock prick pussy cunt twat bitch bastard bollocks wanker piss pissed slut whore hoe thot douche douchebag jackass dumbass smartass wtf stfu fml af',
  insult:
    'idiot moron imbecile cretin stupid dumb dumber dumbest retard retarded loser pathetic worthless useless clown fool foolish ignorant incompetent brainless braindead clueless dense dimwit nitwit halfwit numbskull buffoon jerk creep scumbag lowlife scum trash garbage ugly fat disgusting gross hideous repulsive vile freak weirdo coward spineless hypocrite liar pig swine rat snake worm parasite leech degenerate deplorable subhuman savage psycho lunatic maniac',
  slur:
    'nigger nigga niggas negro coon jigaboo spook faggot fag fags dyke tranny shemale kike yid spic wetback beaner chink gook jap paki raghead towelhead sandnigger gypsy gyppo redskin squaw cracker honky gringo hillbilly redneck whitey mongoloid spaz cripple',
  dehumanize: 'vermin animals animal cockroaches cockroach rats parasites plague disease infestation subhuman savages filth scum breed breeding invaders invasion mongrels',
  violence:
    'kill killing murder murdered slaughter massacre stab stabbing shoot shooting behead strangle choke hang lynch torture rape raped assault beat punch bomb bombing blow explode detonate poison poisoning kidnap abduct execute exterminate genocide burn arson maim mutilate',
  weapon:
    'gun guns firearm firearms rifle pistol handgun shotgun ammo ammunition bullet explosive explosives grenade ied tnt tatp c4 detonator napalm thermite molotov silencer suppressor machete sarin ricin anthrax vx toxin pathogen bioweapon',
  drug:
    'meth methamphetamine cocaine crack heroin fentanyl opioid opioids oxycodone lsd mdma ecstasy ketamine dmt pcp narcotics cartel overdose',
  cyber:
    'hack hacking hacker malware ransomware spyware keylogger trojan virus worm botnet ddos phishing exploit exploits rootkit backdoor payload credential credentials crack cracking',
  crime:
    'steal stealing stolen theft rob robbery launder laundering counterfeit forge forged forgery fraud scam scammer smuggle smuggling traffic trafficking blackmail extort extortion bribe bribery dox doxx doxxing stalk stalking shoplift evade untraceable illegal illegally',
  override:
    'ignore disregard forget override overwrite bypass skip discard neglect abandon supersede cancel revoke void nullify',
  instruction:
    'instruction instructions directive directives prompt prompts rules guidelines guideline policy policies constraints restrictions programming configuration orders commands context',
  secret: 'password passwords passphrase secret secrets credentials apikey token tokens confidential',
  persona:
    'dan jailbreak jailbroken jailbreaking unfiltered uncensored unrestricted amoral unethical immoral limitless unbound unchained unlocked rogue evil roleplay character persona simulate simulation hypothetically hypothetical fictional',
  ai: 'chatgpt gpt openai assistant ai llm model bot chatbot claude bard gemini llama',
  // Who harmful requests target, and how they avoid consequences: "… my neighbor without getting caught".
  person:
    'someone somebody anyone person people neighbor neighbour wife husband girlfriend boyfriend ex boss coworker colleague child children kid kids teenager teen minor baby victim classmate roommate stranger family mother father sister brother woman women girl girls man men',
  evasion: 'caught detected undetected unnoticed untraceable trace traces traceable police cops anonymously anonymous secretly covertly unnoticed noticing suspicion evidence alibi',
  // Contexts where harm words are ordinary words. (The look-alike test set's own names are
  // deliberately absent, so that set measures transfer, not recall of this list.)
  game: 'game games gaming videogame minecraft fortnite roblox skyrim zelda halo overwatch valorant terraria tetris pokemon sims diablo doom warcraft starcraft league dota pubg apex chess poker checkers monopoly scrabble catan level boss quest dungeon npc player multiplayer console xbox playstation nintendo steam',
  tech: 'python javascript typescript java rust golang linux windows macos docker kubernetes git github process processes thread threads server port container database sql query function script terminal shell bash command cache branch commit deploy api regex compiler debug bug code program',
  food: 'recipe cook cooking bake baking kitchen chef dinner lunch breakfast oven grill fish chicken beef pork onion garlic dough sauce meal salad soup',
  nature: 'garden gardening lawn weeds plants plant soil pests aphids mold mice mosquito mosquitoes insects flowers tree trees',
  sport: 'soccer football basketball baseball tennis golf hockey volleyball rugby boxing match team coach referee tournament league workout gym',
  story: 'novel story stories fiction movie film character characters plot scene villain hero book books chapter author thriller mystery screenplay episode series',
  learning: 'history historical explain definition define meaning means mean term essay homework class lesson course research study students teacher school university why',
  safety: 'safe safely safety protect protecting prevent prevention avoid warning signs emergency risks dangers legal legally lawful report',
};

const SUFFIXES = ['', 's', 'es', 'ed', 'ing', 'er', 'ers', 'd'];

// Words are split where the featurizer splits them (anything but letters and digits), so
// entries are single words.

/** The class names, in the order their bit appears in a word's class mask. */
export const LEXICON_CLASSES = Object.keys(CLASSES);

const P = 0x01000193;

/** The word hash the featurizer computes (FNV-1a style over UTF-16 code units, digits folded). */
export function wordHash(word: string, foldDigits: boolean): number {
  return extendHash(0x811c9dc5, word, foldDigits);
}

/** The hash `h` of a prefix continued over `more`: wordHash(a + b) = extendHash(wordHash(a), b). */
function extendHash(h: number, more: string, foldDigits: boolean): number {
  for (let i = 0; i < more.length; i++) {
    let c = more.charCodeAt(i);
    if (foldDigits && c >= 48 && c <= 57) c = 48;
    h = Math.imul(h ^ c, P);
  }
  return h;
}

/** Open-addressing table from word hash to class bit mask, built once per process. */
export class Lexicon {
  private readonly keys: Int32Array;
  private readonly masks: Int32Array;
  private readonly mask: number;

  // Built on an isolate's first request, in code not yet compiled: entries go straight into the
  // table (no intermediate Map) and each base word is hashed once, its inflections continuing
  // from its hash. That took the build from ~16 to ~5-7 ms of a cold start (node, 2026-12-07 machine).
  constructor(foldDigits: boolean) {
    const words = LEXICON_CLASSES.map((name) => CLASSES[name].split(/\s+/));
    let count = 0;
    for (const list of words) count += list.length * SUFFIXES.length;
    // At most a quarter full (inflections that coincide share a slot).
    let size = 1;
    while (size < count * 4) size <<= 1;
    this.keys = new Int32Array(size);
    this.masks = new Int32Array(size);
    this.mask = size - 1;
    words.forEach((list, bit) => {
      for (const base of list) {
        const h = extendHash(0x811c9dc5, base, foldDigits);
        for (const suffix of SUFFIXES) this.insert(extendHash(h, suffix, foldDigits) | 0, 1 << bit);
      }
    });
  }

  private insert(h: number, classBits: number): void {
    let i = (h ^ (h >>> 16)) & this.mask;
    while (this.masks[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
    this.keys[i] = h;
    this.masks[i] |= classBits;
  }

  /** Class bit mask of the word with hash `h` (0 when it is in no class). */
  classes(h: number): number {
    h |= 0;
    let i = (h ^ (h >>> 16)) & this.mask;
    for (;;) {
      const m = this.masks[i];
      if (m === 0) return 0;
      if (this.keys[i] === h) return m;
      i = (i + 1) & this.mask;
    }
  }
}

const cache = new Map<boolean, Lexicon>();

/** The shared lexicon table for a digit-folding setting. */
export function lexicon(foldDigits: boolean): Lexicon {
  let lex = cache.get(foldDigits);
  if (lex === undefined) cache.set(foldDigits, (lex = new Lexicon(foldDigits)));
  return lex;
}
