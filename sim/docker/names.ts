/**
 * Random container names as Docker's namesgenerator makes them: `adjective_surname`, retried
 * for "boring_wozniak", with a digit appended on a retry after a clash. This is a subset of
 * moby's lists (internal/namesgenerator), enough for variety.
 */
import type { Rng } from '../kernel/rng.ts';

const LEFT = [
  'admiring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful', 'blissful',
  'bold', 'boring', 'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent',
  'condescending', 'confident', 'cool', 'cranky', 'crazy', 'dazzling', 'determined', 'distracted',
  'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'eloquent', 'epic', 'exciting',
  'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty', 'funny', 'gallant', 'gifted',
  'goofy', 'gracious', 'great', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry', 'infallible',
  'inspiring', 'intelligent', 'interesting', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving',
  'lucid', 'magical', 'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty',
  'nostalgic', 'objective', 'optimistic', 'peaceful', 'pedantic', 'pensive', 'practical', 'priceless',
  'quirky', 'quizzical', 'recursing', 'relaxed', 'reverent', 'romantic', 'sad', 'serene', 'sharp',
  'silly', 'sleepy', 'stoic', 'strange', 'stupefied', 'suspicious', 'sweet', 'tender', 'thirsty',
  'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant', 'vigorous', 'wizardly', 'wonderful',
  'xenodochial', 'youthful', 'zealous', 'zen',
];

const RIGHT = [
  'albattani', 'allen', 'almeida', 'archimedes', 'ardinghelli', 'babbage', 'banach', 'bardeen',
  'bartik', 'bassi', 'bell', 'benz', 'bhabha', 'black', 'blackwell', 'bohr', 'booth', 'borg',
  'bose', 'brahmagupta', 'brattain', 'brown', 'carson', 'cerf', 'chandrasekhar', 'chatelet',
  'clarke', 'colden', 'curie', 'darwin', 'davinci', 'diffie', 'dijkstra', 'einstein', 'elion',
  'engelbart', 'euclid', 'euler', 'faraday', 'fermat', 'fermi', 'feynman', 'franklin', 'galileo',
  'gates', 'goldberg', 'goodall', 'hamilton', 'hawking', 'heisenberg', 'hellman', 'hermann',
  'hodgkin', 'hopper', 'hypatia', 'jackson', 'jang', 'jennings', 'jepsen', 'johnson', 'joliot',
  'kalam', 'keldysh', 'kepler', 'knuth', 'lalande', 'lamarr', 'lamport', 'leakey', 'lederberg',
  'lehmann', 'lovelace', 'lumiere', 'mayer', 'mccarthy', 'mcclintock', 'meitner', 'mendel',
  'merkle', 'minsky', 'mirzakhani', 'morse', 'napier', 'nash', 'newton', 'nobel', 'noether',
  'pasteur', 'payne', 'perlman', 'pike', 'poincare', 'ptolemy', 'raman', 'ride', 'ritchie',
  'rosalind', 'sammet', 'shannon', 'shockley', 'sinoussi', 'stonebraker', 'swartz', 'tesla',
  'thompson', 'torvalds', 'turing', 'varahamihira', 'visvesvaraya', 'volhard', 'wescoff', 'wiles',
  'williams', 'wilson', 'wing', 'wozniak', 'wright', 'yalow', 'yonath',
];

/** One name as GetRandomName(retry) returns it. */
export function randomName(rng: Rng, retry = 0): string {
  let name: string;
  do {
    name = LEFT[rng.int(0, LEFT.length - 1)] + '_' + RIGHT[rng.int(0, RIGHT.length - 1)];
  } while (name === 'boring_wozniak');
  return retry > 0 ? name + String(rng.int(0, 9)) : name;
}

/** A name not yet taken (the daemon retries up to 6 times, then errors; we keep trying). */
export function uniqueName(rng: Rng, taken: (n: string) => boolean): string {
  for (let retry = 0; ; retry++) {
    const n = randomName(rng, retry);
    if (!taken(n)) return n;
  }
}
