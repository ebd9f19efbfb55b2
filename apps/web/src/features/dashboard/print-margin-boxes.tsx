import { cssString } from './report-model';

/**
 * The printed report's running header and footer, on every page: leader and organisation, round and
 * date, page x of y. Chromium (131 and later) draws CSS @page margin boxes, so the page area stays
 * free for the report; browsers without them still get the same facts in the first page's header.
 */
export function PrintMarginBoxes({
  topLeft,
  topRight,
  bottomLeft,
  pageWord,
}: {
  topLeft: string;
  topRight: string;
  bottomLeft: string;
  pageWord: string;
}) {
  const box = 'font-family: system-ui, "Liberation Sans", Arial, sans-serif; font-size: 8pt; color: #505b6b;';
  const css = `@media print { @page {
  @top-left { content: ${cssString(topLeft)}; ${box} }
  @top-right { content: ${cssString(topRight)}; ${box} }
  @bottom-left { content: ${cssString(bottomLeft)}; ${box} }
  @bottom-right { content: ${cssString(pageWord)} " " counter(page) " / " counter(pages); ${box} }
} }`;
  return <style>{css}</style>;
}
