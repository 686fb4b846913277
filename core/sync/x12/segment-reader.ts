/**
 * Splits X12 text arriving in chunks into numbered segments, holding no more
 * than one unfinished segment at a time.
 *
 * The delimiters come from each ISA: the element separator is its 4th
 * character, the component separator is ISA16 and the segment terminator is
 * the character after it. The reader counts element separators instead of
 * using fixed positions, so it also reads an ISA whose fields are not padded.
 * A second ISA after an IEA brings its own delimiters. A file that starts at ST
 * (no envelope) uses the separator after "ST", '~' or a newline (whichever
 * comes first) as the terminator, and ':' as a guessed component separator.
 * Line breaks between segments are ignored. A segment ID that is not 2–3
 * capital letters or digits means stray text or the wrong delimiters, so the
 * file is refused there. The reader does not use the npm X12 parsers:
 * x12-parser reads the delimiters at fixed ISA positions, reads them only once
 * per file and needs an ISA, and node-x12 also reads whole strings at fixed
 * positions. Neither reads the corpus.
 */
import { ImportRefusal } from '../source';

/** No real 835 segment comes near this; a longer run of text is refused instead of buffered. */
export const MAX_SEGMENT_LENGTH = 64 * 1024;
/** A padded ISA is 106 characters; an unpadded one is shorter. */
const MAX_ISA_LENGTH = 512;

export interface Delimiters {
  element: string;
  component: string;
  segment: string;
  /** False for a file without ISA: the component separator ':' is then only a guess. */
  fromIsa: boolean;
}

export interface Segment {
  /** Counted from 1 over the whole file. */
  n: number;
  tag: string;
  /** elements[0] is the tag, elements[i] is element i (SVC01 is elements[1]). */
  elements: string[];
  delimiters: Delimiters;
  /** The file ended before this segment's terminator: fine for a closing IEA (or SE), a cut file otherwise. */
  unterminated?: true;
}

const LETTER_OR_DIGIT = /[A-Za-z0-9]/;
const SPACE = /\s/;
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** A value quoted in a message: short, one line. */
export function shown(value: string, max = 40): string {
  const clean = value.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The segment ID as a location names it, even when it is not a valid one: the text before the first element separator. */
function tagOf(text: string, element: string | undefined): string {
  const first = element ? text.split(element)[0]! : (/^\w+/.exec(text)?.[0] ?? '');
  return shown(first || text.slice(0, 1), 20);
}

function usable(char: string | undefined): boolean {
  return char !== undefined && !LETTER_OR_DIGIT.test(char) && char !== ' ';
}

export class SegmentReader {
  readonly #file: string;
  #buf = '';
  #pos = 0;
  /** Where the search for the next terminator resumes (text before it has none). */
  #scanFrom = 0;
  #count = 0;
  #delimiters: Delimiters | null = null;
  /** At the start of the file or right after an IEA: an ISA here sets the delimiters. */
  #atHeader = true;

  constructor(file: string) {
    this.#file = file;
  }

  /** Segments completed by this chunk. */
  *push(chunk: string): Generator<Segment> {
    if (this.#pos > 0) {
      this.#buf = this.#buf.slice(this.#pos);
      this.#scanFrom = Math.max(0, this.#scanFrom - this.#pos);
      this.#pos = 0;
    }
    this.#buf += chunk;
    yield* this.#drain(false);
  }

  /** The last segment (a file may end without a final terminator). */
  *end(): Generator<Segment> {
    yield* this.#drain(true);
    if (this.#count === 0) throw new ImportRefusal(this.#file, 'segment 1', 'the file is empty: not an X12 835');
  }

  #refuse(tag: string, problem: string): never {
    throw new ImportRefusal(this.#file, `segment ${this.#count + 1} (${tag})`, problem);
  }

  *#drain(final: boolean): Generator<Segment> {
    for (;;) {
      if (this.#atHeader) {
        const started = this.#header(final);
        if (started === 'wait') return;
        if (started) {
          yield started;
          continue;
        }
      }
      const delimiters = this.#delimiters!;
      const end = this.#buf.indexOf(delimiters.segment, Math.max(this.#pos, this.#scanFrom));
      if (end < 0) {
        this.#scanFrom = this.#buf.length;
        if (this.#buf.length - this.#pos > MAX_SEGMENT_LENGTH) this.#tooLong(this.#buf.slice(this.#pos, this.#pos + 100));
        if (!final) return;
        const last = this.#segment(this.#buf.slice(this.#pos));
        this.#pos = this.#buf.length;
        if (last) yield { ...last, unterminated: true };
        return;
      }
      const raw = this.#buf.slice(this.#pos, end);
      this.#pos = end + 1;
      const segment = this.#segment(raw);
      if (!segment) continue;
      if (segment.tag === 'IEA') this.#atHeader = true;
      yield segment;
    }
  }

  #tooLong(start: string): never {
    this.#refuse(
      tagOf(start.replace(/^\s+/, ''), this.#delimiters?.element),
      `the segment is longer than ${MAX_SEGMENT_LENGTH} characters without a segment terminator '${shown(this.#delimiters?.segment ?? '~')}': not an 835 segment`,
    );
  }

  /**
   * At the start of the file or after an IEA: skips line breaks, then reads an ISA (new delimiters)
   * or, as the first segment of the file, an ST (no envelope). Returns the ISA segment, null when the
   * next segment is an ordinary one, or 'wait' when more text is needed.
   */
  #header(final: boolean): Segment | null | 'wait' {
    const buf = this.#buf;
    let pos = this.#pos;
    while (pos < buf.length && (SPACE.test(buf[pos]!) || buf[pos] === '\uFEFF')) pos += 1;
    this.#pos = pos;
    if (pos >= buf.length) return 'wait';
    if (buf.length - pos < 4 && !final) return 'wait';
    if (buf.startsWith('ISA', pos)) return this.#isa(final);
    if (this.#count > 0) {
      // After an IEA, anything but an ISA keeps the delimiters; the structure check refuses it.
      this.#atHeader = false;
      return null;
    }
    if (/^ST[^A-Za-z0-9\s]/.test(buf.slice(pos, pos + 3))) return this.#bare(final);
    return this.#refuse(tagOf(buf.slice(pos, pos + 100), undefined), `not an X12 835: the file starts with '${shown(buf.slice(pos, pos + 20), 20)}' instead of an ISA or ST segment`);
  }

  #isa(final: boolean): Segment | 'wait' {
    const buf = this.#buf;
    const start = this.#pos;
    const element = buf[start + 3];
    if (element === undefined) return final ? this.#refuse('ISA', 'the file ends inside the ISA segment: it is truncated') : 'wait';
    if (!usable(element) || SPACE.test(element)) {
      this.#refuse('ISA', `the element separator (the character after ISA) is '${shown(element)}': a letter, digit or space cannot be a delimiter`);
    }
    let at = start + 3;
    for (let separators = 1; separators < 16; separators += 1) {
      at = buf.indexOf(element, at + 1);
      if (at < 0 || at - start > MAX_ISA_LENGTH) {
        if (at < 0 && buf.length - start <= MAX_ISA_LENGTH && !final) return 'wait';
        if (at < 0 && final) this.#refuse('ISA', 'the file ends inside the ISA segment: it is truncated');
        this.#refuse('ISA', `the ISA segment does not have 16 elements separated by '${shown(element)}': wrong delimiters`);
      }
    }
    const component = buf[at + 1];
    let segment = buf[at + 2];
    if (segment === '\r' && buf[at + 3] === undefined && !final) return 'wait';
    if (segment === undefined) return final ? this.#refuse('ISA', 'the file ends inside the ISA segment: it is truncated') : 'wait';
    let next = at + 3;
    if (segment === '\r' && buf[at + 3] === '\n') {
      segment = '\n';
      next = at + 4;
    }
    const raw = buf.slice(start, at + 2);
    const problem =
      !usable(component) || SPACE.test(component!) || component === element
        ? `the component separator (ISA16) is '${shown(component!)}'`
        : !usable(segment) || segment === element || segment === component
          ? `the segment terminator (after ISA16) is '${shown(segment)}'`
          : raw.includes(segment)
            ? `the segment terminator '${shown(segment)}' occurs inside the ISA`
            : null;
    if (problem) this.#refuse('ISA', `${problem}: the ISA does not have the X12 layout (16 elements), so its delimiters are wrong`);
    this.#delimiters = { element, component: component!, segment, fromIsa: true };
    this.#pos = next;
    this.#scanFrom = next;
    this.#atHeader = false;
    return this.#segment(raw)!;
  }

  #bare(final: boolean): null | 'wait' {
    const buf = this.#buf;
    const found = /[~\r\n]/g;
    found.lastIndex = this.#pos;
    const match = found.exec(buf);
    if (!match) {
      if (!final && buf.length - this.#pos <= MAX_SEGMENT_LENGTH) return 'wait';
      if (!final) this.#tooLong(buf.slice(this.#pos, this.#pos + 100));
    }
    let segment = match?.[0] ?? '~';
    if (segment === '\r') {
      if (buf[match!.index + 1] === undefined && !final) return 'wait';
      if (buf[match!.index + 1] === '\n') segment = '\n';
    }
    this.#delimiters = { element: buf[this.#pos + 2]!, component: ':', segment, fromIsa: false };
    this.#atHeader = false;
    return null;
  }

  #segment(raw: string): Segment | null {
    const delimiters = this.#delimiters!;
    let start = 0;
    while (start < raw.length && raw.charCodeAt(start) <= 32) start += 1;
    let text = start > 0 ? raw.slice(start) : raw;
    if (text.includes('\n') || text.includes('\r')) {
      // With '~' as terminator, line breaks are layout (some systems wrap at 80 columns), never data.
      text = delimiters.segment === '\n' || delimiters.segment === '\r' ? text.replace(/[\r\n]+$/, '') : text.replace(/[\r\n]/g, '');
    }
    if (text === '') return null;
    if (text.length > MAX_SEGMENT_LENGTH) this.#tooLong(text.slice(0, 100));
    const elements = text.split(delimiters.element);
    const tag = elements[0]!;
    if (!SEGMENT_ID.test(tag)) {
      this.#refuse(tagOf(text, delimiters.element), `'${shown(text, 30)}' does not start with an X12 segment ID: stray text, or delimiters other than the ones the file declares`);
    }
    this.#count += 1;
    return { n: this.#count, tag, elements, delimiters };
  }
}
