import { SaxesParser } from 'saxes';
import { DocumentRefused } from './blocks';

/**
 * A streaming walk over an XML part (no tree is built, so a deeply nested or huge part costs no recursion).
 * Prefixes are kept as written ("w:p"); entities other than the five XML ones are refused by the parser, so an
 * entity-expansion bomb cannot grow.
 */
export interface XmlVisitor {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

export function walkXml(xml: string, visitor: XmlVisitor, partName: string): void {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => visitor.open(tag.name, tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => visitor.close(tag.name));
  parser.on('text', (text) => visitor.text(text));
  parser.on('cdata', (text) => visitor.text(text));
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof DocumentRefused) throw error;
    throw new DocumentRefused(`文件中的“${partName}”不是有效的XML，文件可能已损坏。`);
  }
}
