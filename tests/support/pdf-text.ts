import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF that Chromium printed (Skia's writer: uncompressed object
 * dictionaries, Flate streams, Type0 fonts with ToUnicode maps). Enough to check what a printed
 * report says and how many pages it has; not a general PDF parser.
 */
export function pdfPages(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    objects.set(Number(match[1]), match[2]!);
  }
  const ref = (body: string, key: string) => {
    const match = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
    return match ? Number(match[1]) : undefined;
  };
  const stream = (id: number): string => {
    const body = objects.get(id) ?? '';
    const start = body.indexOf('stream');
    if (start === -1) return '';
    const raw = body.slice(start + 6).replace(/^\r?\n/, '');
    const data = Buffer.from(raw.slice(0, raw.lastIndexOf('endstream')), 'latin1');
    return (/\/FlateDecode/.test(body) ? inflateSync(data) : data).toString('latin1');
  };

  const unicodeMaps = new Map<number, Map<number, string>>();
  const unicodeMap = (fontId: number) => {
    const cached = unicodeMaps.get(fontId);
    if (cached) return cached;
    const map = new Map<number, string>();
    const toUnicode = ref(objects.get(fontId) ?? '', 'ToUnicode');
    const cmap = toUnicode === undefined ? '' : stream(toUnicode);
    const utf16 = (hex: string) =>
      String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        map.set(parseInt(code!, 16), utf16(text!));
      }
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, from, to, text] of block[1]!.matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
      )) {
        const base = parseInt(text!, 16);
        for (let code = parseInt(from!, 16); code <= parseInt(to!, 16); code += 1) {
          map.set(code, String.fromCharCode(base + code - parseInt(from!, 16)));
        }
      }
    }
    unicodeMaps.set(fontId, map);
    return map;
  };

  const pageIds: number[] = [];
  const walk = (id: number) => {
    const body = objects.get(id) ?? '';
    if (/\/Type \/Pages\b/.test(body)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const kid of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
    } else if (/\/Type \/Page\b/.test(body)) pageIds.push(id);
  };
  const catalog = [...objects.entries()].find(([, body]) => /\/Type \/Catalog\b/.test(body));
  const root = catalog ? ref(catalog[1], 'Pages') : undefined;
  if (root !== undefined) walk(root);

  return pageIds.map((pageId) => {
    const page = objects.get(pageId)!;
    const fonts = new Map<string, number>();
    const fontDict = /\/Font <<([^>]*)>>/.exec(page)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(name!, Number(id));
    const contents = ref(page, 'Contents');
    const content = contents === undefined ? '' : stream(contents);
    let font: Map<number, string> = new Map();
    let text = '';
    for (const token of content.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\bBT\b/g)) {
      if (token[1]) font = unicodeMap(fonts.get(token[1]) ?? -1);
      else if (token[2] !== undefined) {
        for (const unit of token[2].match(/.{4}/g) ?? []) text += font.get(parseInt(unit, 16)) ?? '';
      } else text += '\n';
    }
    // Ligature glyphs (ﬀ, ﬁ) back into letters, so names read as typed.
    return text.normalize('NFKC');
  });
}
